terraform {
  required_providers {
    livedesk = {
      source  = "livedesk-community/livedesk"
      version = "~> 0.1"
    }
  }
}

# Credentials from LIVEDESK_API_KEY and LIVEDESK_API_SECRET.
provider "livedesk" {}

variable "inbox_id" {
  description = "Channel ID of an API-channel inbox (Project Settings → Channels → the channel → Settings)."
  type        = string
}

# The API channel creates no contact on its own: seed it first.
resource "livedesk_contact" "ada" {
  inbox_id   = var.inbox_id
  name       = "Ada Tan (demo)"
  email      = "ada.tan@example.com"
  identifier = "demo-ada-tan" # applied again after a destroy, adopts this contact
}

# The transcript: sent in this order, each message after LiveDesk answered
# the one before.
resource "livedesk_conversation" "welcome" {
  inbox_id   = var.inbox_id
  contact_id = livedesk_contact.ada.id
  messages = [
    { message_type = "incoming", content = "Hi! Where can I find your prices?" }, # from Ada
    { content = "Hello Ada, here is our price list.", files = ["${path.module}/price-list.pdf"] },
    { content = "Demo contact, seeded by Terraform.", private = true }, # agents only
    { message_type = "incoming", content = "Got it, thank you!", reply_to = 1 },
  ]
}

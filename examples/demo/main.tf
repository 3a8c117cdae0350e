# The configuration `make demo` applies against the local sandbox: a
# contact, a conversation with it, and three messages, one of them a reply
# and one with a file.
terraform {
  required_providers {
    livedesk = {
      source = "livedesk-community/livedesk"
    }
  }
}

# Credentials and base_url come from LIVEDESK_API_KEY, LIVEDESK_API_SECRET
# and LIVEDESK_BASE_URL, which the demo script sets for the sandbox.
provider "livedesk" {}

variable "inbox_id" {
  description = "Channel ID of the API-channel inbox."
  type        = string
}

# The API channel does not create contacts implicitly: seed one first.
resource "livedesk_contact" "customer" {
  inbox_id   = var.inbox_id
  name       = "Demo Customer"
  email      = "Demo.Customer@example.com"
  identifier = "demo-customer-1"
  custom_attributes = {
    plan = "trial"
  }
}

# A ticket for the demo customer, the one LiveDesk object that refresh reads
# back. The requester id follows the form of LiveDesk's examples.
resource "livedesk_ticket" "customer" {
  title       = "Demo customer cannot log in"
  description = "Reported through the demo inbox."
  priority    = "medium"
  requester = {
    euid = "contact_${livedesk_contact.customer.id}"
  }
}

resource "livedesk_conversation" "demo" {
  inbox_id   = var.inbox_id
  contact_id = livedesk_contact.customer.id
}

resource "livedesk_message" "welcome" {
  conversation_id = livedesk_conversation.demo.id
  content         = "Welcome to the LiveDesk demo inbox!"
}

resource "livedesk_message" "reply" {
  conversation_id = livedesk_conversation.demo.id
  content         = "Following up on the welcome message."
  in_reply_to     = livedesk_message.welcome.id
}

resource "livedesk_message" "brochure" {
  conversation_id = livedesk_conversation.demo.id
  content         = "Here is our brochure."
  files           = ["${path.module}/brochure.txt"]
}

output "contact_id" {
  value = livedesk_contact.customer.id
}

output "conversation_id" {
  value = livedesk_conversation.demo.id
}

output "message_ids" {
  value = [livedesk_message.welcome.id, livedesk_message.reply.id, livedesk_message.brochure.id]
}

output "brochure_url" {
  value = livedesk_message.brochure.attachments[0].data_url
}

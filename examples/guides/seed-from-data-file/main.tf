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

variable "run_id" {
  description = "Empty for a demo inbox. In CI, a value per run (such as the pipeline id) gives each run contacts of its own."
  type        = string
  default     = ""
}

locals {
  inbox = yamldecode(file("${path.module}/inbox.yaml"))
}

# One contact per entry of `contacts`. Its identifier makes a reset work:
# LiveDesk cannot delete a contact, so after `terraform destroy` the next
# apply finds the contact by its identifier and adopts it (with a warning)
# instead of creating a second one.
resource "livedesk_contact" "customer" {
  for_each = local.inbox.contacts

  inbox_id   = var.inbox_id
  name       = each.value.name
  email      = var.run_id == "" ? each.value.email : replace(each.value.email, "@", "+${var.run_id}@")
  identifier = var.run_id == "" ? each.key : "${each.key}-${var.run_id}"
}

# Every conversation of `conversations` in one resource, seeded
# concurrently, each in its own order: conversation, messages, status.
resource "livedesk_conversations" "demo" {
  inbox_id = var.inbox_id

  conversations = {
    for key, c in local.inbox.conversations : key => {
      contact_id = livedesk_contact.customer[c.contact].id
      status     = try(c.status, null)
      messages = [
        for m in c.messages : {
          message_type = m.from == "customer" ? "incoming" : "outgoing"
          content      = m.text
          private      = try(m.private, null)
          reply_to     = try(m.reply_to, null)
        }
      ]
    }
  }
}

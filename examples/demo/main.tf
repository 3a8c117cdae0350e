# The configuration `make demo` applies against the local sandbox: a small
# support inbox seeded from a data file. inbox.yaml lists the customers and
# their conversations; each conversation is one livedesk_conversation that
# carries its transcript, so its messages reach LiveDesk in the order
# written, both sides, private notes, replies and files included. A ticket
# tracks the refund of one of them.
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

locals {
  inbox = yamldecode(file("${path.module}/inbox.yaml"))
}

# The API channel does not create contacts implicitly: one per entry of
# `contacts`, keyed by the entry's name, which is also its identifier.
resource "livedesk_contact" "customer" {
  for_each = local.inbox.contacts

  inbox_id          = var.inbox_id
  name              = each.value.name
  email             = each.value.email
  identifier        = each.key
  custom_attributes = try(each.value.attributes, {})
}

# One conversation per entry of `conversations`. Adding a message at the end
# of an entry later sends only that message; adding an entry seeds a new
# conversation.
resource "livedesk_conversation" "support" {
  for_each = local.inbox.conversations

  inbox_id      = var.inbox_id
  contact_id    = livedesk_contact.customer[each.value.contact].id
  status        = try(each.value.status, null)
  snoozed_until = try(each.value.snoozed_until, null)

  messages = [
    for m in each.value.messages : {
      message_type = m.from == "customer" ? "incoming" : "outgoing"
      content      = m.text
      private      = try(m.private, null)
      reply_to     = try(m.reply_to, null)
      files        = [for f in try(m.files, []) : "${path.module}/${f}"]
    }
  ]
}

# The refund of the duplicate charge, as a ticket: the one LiveDesk object
# that refresh reads back. The requester id follows the form of LiveDesk's
# examples.
resource "livedesk_ticket" "refund" {
  title       = "Refund duplicate charge on invoice INV-2041"
  description = "Kenji Watanabe was charged twice for March (conversation #${livedesk_conversation.support["duplicate-charge"].id}). Second charge refunded; credit note CN-2041 sent."
  priority    = "high"
  tags        = ["billing", "refund"]
  requester = {
    euid = "contact_${livedesk_contact.customer["kenji-watanabe"].id}"
  }
}

output "contact_ids" {
  value = { for k, c in livedesk_contact.customer : k => c.id }
}

output "conversation_ids" {
  value = { for k, c in livedesk_conversation.support : k => c.id }
}

output "ticket_id" {
  value = livedesk_ticket.refund.id
}

output "credit_note_url" {
  value = livedesk_conversation.support["duplicate-charge"].messages[2].attachments[0].data_url
}

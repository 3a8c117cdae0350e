variable "inbox_id" {
  description = "Channel ID of an API-channel inbox (Project Settings → Channels)."
  type        = string
}

# The API channel does not create contacts implicitly: seed the contact first.
resource "livedesk_contact" "alice" {
  inbox_id   = var.inbox_id
  name       = "Alice Tan"
  email      = "alice@acme.inc"
  identifier = "crm-10042"
}

resource "livedesk_conversation" "refund" {
  inbox_id   = var.inbox_id
  contact_id = livedesk_contact.alice.id
  status     = "resolved" # applied after the last message

  messages = [
    {
      message_type = "incoming" # written by the contact
      content      = "I was charged twice for order 5521."
    },
    {
      # outgoing (the agent) is the default
      content = "Sorry about that! The second charge is refunded; the receipt is attached."
      files   = ["${path.module}/receipt.pdf"]
    },
    {
      content = "Duplicate charge caused by the payment retry; refunded in full."
      private = true # a note for agents only
    },
    {
      message_type = "incoming"
      content      = "Got it, thanks!"
      reply_to     = 1 # answers messages[1], the agent's reply
    },
  ]
}

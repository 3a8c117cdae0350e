# The configuration `make demo` applies against the local sandbox: a
# contact, a ticket for it, and a conversation that carries its transcript:
# the customer asks, the agent answers with a file, an agent-only note, and
# the customer replies to the agent's answer. The messages reach LiveDesk in
# the order written.
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

# One conversation, one resource: the messages are sent one at a time, in
# list order. Adding a message at the end later sends only that message.
resource "livedesk_conversation" "demo" {
  inbox_id   = var.inbox_id
  contact_id = livedesk_contact.customer.id

  messages = [
    {
      # From the customer: incoming messages are the contact's.
      message_type = "incoming"
      content      = "Hi, I started the trial yesterday but cannot log in. Can you help?"
    },
    {
      # From the agent (outgoing is the default), with a file attached.
      content = "Sorry about that! I have reset your access. The brochure explains the first steps."
      files   = ["${path.module}/brochure.txt"]
    },
    {
      # Seen by agents only.
      content = "Trial customer; login reset done. Follow up on Friday."
      private = true
    },
    {
      # The customer answers the agent's message: reply_to is its index.
      message_type = "incoming"
      content      = "That worked, thank you!"
      reply_to     = 1
    },
  ]
}

output "contact_id" {
  value = livedesk_contact.customer.id
}

output "conversation_id" {
  value = livedesk_conversation.demo.id
}

output "message_ids" {
  value = livedesk_conversation.demo.messages[*].id
}

output "brochure_url" {
  value = livedesk_conversation.demo.messages[1].attachments[0].data_url
}

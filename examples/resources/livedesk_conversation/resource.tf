variable "inbox_id" {
  description = "Channel ID of an API-channel inbox (Project Settings → Channels)."
  type        = string
}

variable "contact_id" {
  description = "Id of a contact in that inbox."
  type        = string
}

variable "follow_up_at" {
  description = "When the snoozed conversation reopens, an RFC 3339 time in the future such as 2031-01-06T09:00:00Z."
  type        = string
}

# A conversation with its transcript. The messages are sent one at a time,
# in the order written, then the status is applied. Adding a message at the
# end of the list later sends only that message; changing a message already
# sent replaces the whole conversation (the plan says which one).
resource "livedesk_conversation" "support" {
  inbox_id   = var.inbox_id
  contact_id = var.contact_id
  status     = "resolved"

  messages = [
    {
      message_type = "incoming" # from the contact
      content      = "My invoice for March shows the wrong company name."
    },
    {
      content = "Thanks for telling us! Here is the corrected invoice."
      files   = ["${path.module}/invoice.pdf"]
    },
    {
      content = "Billing fixed the template; no other invoice affected."
      private = true # agents only
    },
    {
      message_type = "incoming"
      content      = "Perfect, thank you."
      reply_to     = 1 # index of the message it answers
    },
  ]
}

# A conversation found by the contact's source id in the inbox; contact_id
# is read from LiveDesk's answer. Snoozed until the follow-up; destroy
# leaves it as it is.
resource "livedesk_conversation" "by_source" {
  inbox_id           = var.inbox_id
  source_id          = "a4c6e1f0-3b1d-4c55-9f1e-7c2d8b9e0a11"
  status             = "snoozed"
  snoozed_until      = var.follow_up_at
  resolve_on_destroy = false
}

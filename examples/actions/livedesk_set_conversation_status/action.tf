# Requires Terraform 1.14 or later.

variable "conversation_ids" {
  description = "Conversations to snooze during the maintenance window."
  type        = list(string)
}

variable "window_ends_at" {
  description = "When the maintenance window ends, an RFC 3339 time in the future such as 2031-01-06T09:00:00Z."
  type        = string
}

# Snoozes the conversations until the window ends, one toggle_status each:
#   terraform apply -invoke=action.livedesk_set_conversation_status.maintenance
# A conversation LiveDesk refuses (a resolved one cannot be snoozed) is
# reported as an error naming it; the others are still snoozed.
action "livedesk_set_conversation_status" "maintenance" {
  config {
    conversation_ids = var.conversation_ids
    status           = "snoozed"
    snoozed_until    = var.window_ends_at
  }
}

# Requires Terraform 1.14 or later.

variable "conversation_id" {
  description = "Id of an existing conversation."
  type        = string
}

# The same one-off message as an action: sent each time it is invoked,
#   terraform apply -invoke=action.livedesk_send_message.maintenance
# and never kept in the state, so there is nothing to replace or forget.
action "livedesk_send_message" "maintenance" {
  config {
    conversation_id = var.conversation_id
    content         = "Scheduled maintenance tonight from 22:00 to 23:00."
  }
}

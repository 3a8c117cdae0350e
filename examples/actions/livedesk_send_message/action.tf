# Requires Terraform 1.14 or later.

variable "conversation_id" {
  description = "Id of the conversation to announce releases in."
  type        = string
}

variable "release" {
  description = "The version being released."
  type        = string
}

# A release marker: creating it, and every change of var.release, sends
# one announcement. Nothing of the message is kept in the state.
resource "terraform_data" "release" {
  input = var.release

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.livedesk_send_message.announce]
    }
  }
}

action "livedesk_send_message" "announce" {
  config {
    conversation_id = var.conversation_id
    content         = "Version ${var.release} is live. Reply here if anything looks wrong."
  }
}

# Also invokable on its own, once per run:
#   terraform apply -invoke=action.livedesk_send_message.note
action "livedesk_send_message" "note" {
  config {
    conversation_id = var.conversation_id
    content         = "Release checklist attached."
    private         = true
    files           = ["${path.module}/checklist.txt"]
  }
}

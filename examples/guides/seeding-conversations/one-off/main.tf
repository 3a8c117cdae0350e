variable "conversation_id" {
  description = "Id of an existing conversation."
  type        = string
}

# Two one-off messages. They have no order between them: Terraform sends
# them in parallel, so either may arrive first.
resource "livedesk_message" "maintenance" {
  conversation_id = var.conversation_id
  content         = "Scheduled maintenance tonight from 22:00 to 23:00."
}

resource "livedesk_message" "survey" {
  conversation_id = var.conversation_id
  content         = "How did we do? Reply with a number from 1 to 5."
}

# A reply needs the id of the message it answers, so Terraform sends it
# after that one.
resource "livedesk_message" "survey_note" {
  conversation_id = var.conversation_id
  content         = "Survey sent by the quarterly campaign."
  private         = true
  in_reply_to     = livedesk_message.survey.id
}

variable "conversation_id" {
  description = "Id of the conversation to write to, such as livedesk_conversation.support.id."
  type        = string
}

# One-off messages. Separate livedesk_message resources have no order
# between them: Terraform creates them in parallel, so they reach LiveDesk in
# any order. For messages that must arrive in the order written, use the
# messages attribute of livedesk_conversation instead.
resource "livedesk_message" "announcement" {
  conversation_id = var.conversation_id
  content         = "Our support hours change to 8:00-20:00 from Monday."
}

# A private note (agents only) that replies to a message by its id.
resource "livedesk_message" "note" {
  conversation_id = var.conversation_id
  content         = "VIP customer: answer within the hour."
  private         = true
  in_reply_to     = livedesk_message.announcement.id
}

# A file on its own. Files are identified by their bytes: respelling the
# path sends nothing, editing the file plans a new message.
resource "livedesk_message" "invoice" {
  conversation_id = var.conversation_id
  files           = ["${path.module}/invoice.pdf"]
}

# A message from the contact (API-channel inboxes only).
resource "livedesk_message" "customer_question" {
  conversation_id = var.conversation_id
  message_type    = "incoming"
  content         = "Can I change the delivery address?"
}

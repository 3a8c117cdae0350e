variable "conversation_id" {
  description = "Id of the conversation to write to, such as livedesk_conversation.support.id."
  type        = string
}

resource "livedesk_message" "greeting" {
  conversation_id = var.conversation_id
  content         = "Hello! How can we help you today?"
}

# A private note (agents only) that replies to the greeting.
resource "livedesk_message" "note" {
  conversation_id = var.conversation_id
  content         = "VIP customer: answer within the hour."
  private         = true
  in_reply_to     = livedesk_message.greeting.id
}

# A message with a file attached. Editing the file's content plans a new
# message, because LiveDesk messages cannot be changed.
resource "livedesk_message" "invoice" {
  conversation_id = var.conversation_id
  content         = "Your invoice is attached."
  files           = ["${path.module}/invoice.pdf"]
}

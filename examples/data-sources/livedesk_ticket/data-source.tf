# Read a ticket and its conversation history.
data "livedesk_ticket" "printer" {
  id = "tk_20251104_789abc"
}

output "ticket_history" {
  value = [for m in data.livedesk_ticket.printer.conversation_list : "${m.sent_at} ${m.sender.name}: ${m.content}"]
}

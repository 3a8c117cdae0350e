# Requires Terraform 1.12 or later.

# Conversations, messages and tickets have no documented list endpoint, so
# terraform query cannot find them: name each one you want to manage.
import {
  to = livedesk_conversation.refund
  identity = {
    id = "407"
  }
}

# No messages configured: the import adopts the conversation as it is and
# sends nothing. Messages configured here would all be sent, unless the
# import names the ones it already holds (id = "407/3031,3032").
resource "livedesk_conversation" "refund" {
  inbox_id   = "12"
  contact_id = "2219259"
}

import {
  to = livedesk_ticket.printer
  id = "tk_20251104_789abc"
}

resource "livedesk_ticket" "printer" {
  title = "Printer on floor 3 is jammed"
}

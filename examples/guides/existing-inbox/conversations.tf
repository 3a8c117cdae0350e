# Requires Terraform 1.12 or later.

# Conversations, messages and tickets have no documented list endpoint, so
# terraform query cannot find them: name each one you want to manage.
import {
  to = livedesk_conversation.refund
  identity = {
    id = "407"
  }
}

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

# Requires Terraform 1.12 or later.
import {
  to = livedesk_ticket.printer
  identity = {
    id = "tk_20251104_789abc"
  }
}

# Requires Terraform 1.12 or later.
import {
  to = livedesk_message.announcement
  identity = {
    conversation_id = "407"
    id              = "3031"
  }
}

# Requires Terraform 1.12 or later. The identity is the conversation id
# alone: the messages the conversation already holds are not part of it.
import {
  to = livedesk_conversation.support
  identity = {
    id = "407"
  }
}

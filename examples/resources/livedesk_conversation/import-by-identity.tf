# Requires Terraform 1.12 or later. The identity is the conversation id
# alone, so this is an import by id alone: with `messages` configured, the
# first apply sends every element. To adopt messages the conversation
# already holds, use the import id instead: id = "407/3031,3032".
import {
  to = livedesk_conversation.support
  identity = {
    id = "407"
  }
}

# Many conversations of one inbox as one resource, each under a key of
# your choosing, seeded concurrently (max_parallel at a time), each in its
# own order: contact, conversation, messages, status.
resource "livedesk_conversations" "cohort" {
  inbox_id = "1"

  conversations = {
    # A new contact, created in the inbox before its conversation.
    alice = {
      contact = {
        name       = "Alice Tan"
        email      = "alice@acme.inc"
        identifier = "crm-1001"
      }
      messages = [
        { content = "Hi, my order has not arrived.", message_type = "incoming" },
        { content = "Sorry about that! Let me check." },
      ]
    }

    # An existing contact, by id.
    bob = {
      contact_id = "2219259"
      status     = "resolved"
      messages = [
        { content = "Can I change my delivery address?", message_type = "incoming" },
        { content = "Done: the new address is on your order." },
      ]
    }
  }
}

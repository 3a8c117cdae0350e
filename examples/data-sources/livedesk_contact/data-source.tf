# Exactly one of id, identifier, email and phone_number.
data "livedesk_contact" "alice" {
  email = "alice@acme.inc"
}

# Start a conversation with an existing contact, by its source id.
resource "livedesk_conversation" "alice" {
  inbox_id  = data.livedesk_contact.alice.contact_inboxes[0].inbox_id
  source_id = data.livedesk_contact.alice.contact_inboxes[0].source_id
}

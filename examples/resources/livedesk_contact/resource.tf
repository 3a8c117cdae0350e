resource "livedesk_contact" "alice" {
  inbox_id     = "12" # Channel ID of an API-channel inbox
  name         = "Alice Tan"
  email        = "alice@acme.inc"
  phone_number = "+6591234567"
  identifier   = "crm-10042" # your own id: the best key for refresh and import

  # Merged into the contact's attributes: removing a key here does not
  # remove it in LiveDesk.
  custom_attributes = {
    tier = "gold"
  }
}

# Contacts come first: the API channel does not create them implicitly.
resource "livedesk_conversation" "alice" {
  inbox_id   = livedesk_contact.alice.inbox_id
  contact_id = livedesk_contact.alice.id
}

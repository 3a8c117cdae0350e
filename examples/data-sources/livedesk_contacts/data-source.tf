# Substring search over name, email, phone number and identifier.
data "livedesk_contacts" "acme" {
  query       = "@acme.inc"
  sort        = "name"
  direction   = "desc" # sent as sort=-name
  max_results = 50
}

output "acme_contact_emails" {
  value = [for c in data.livedesk_contacts.acme.contacts : c.email]
}

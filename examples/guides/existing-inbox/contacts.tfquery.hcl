# Requires Terraform 1.14 or later.
#   terraform query -generate-config-out=contacts.tf

list "livedesk_contact" "inbox" {
  provider         = livedesk
  include_resource = true
  limit            = 1000
}

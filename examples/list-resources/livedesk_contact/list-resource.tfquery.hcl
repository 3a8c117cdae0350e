# Requires Terraform 1.14 or later. Run with:
#   terraform query -generate-config-out=contacts.tf
# which writes an import block and a livedesk_contact resource for each
# contact listed; `terraform apply` then imports them without changing them.

list "livedesk_contact" "customers" {
  provider         = livedesk
  include_resource = true
  limit            = 500

  config {
    query     = "@acme.inc"
    sort      = "name"
    direction = "asc"
  }
}

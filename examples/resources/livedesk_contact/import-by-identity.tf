# Requires Terraform 1.12 or later.
import {
  to = livedesk_contact.alice
  identity = {
    id = "2219259"
  }
}

variable "inbox_id" {
  description = "Channel ID of an API-channel inbox (Project Settings → Channels)."
  type        = string
}

variable "contact_id" {
  description = "Id of a contact in that inbox."
  type        = string
}

# A conversation with a known contact. Destroy resolves it.
resource "livedesk_conversation" "support" {
  inbox_id   = var.inbox_id
  contact_id = var.contact_id
  status     = "open"
}

# A conversation found by the contact's source id in the inbox; contact_id
# is read from LiveDesk's answer. Destroy leaves it as it is.
resource "livedesk_conversation" "by_source" {
  inbox_id           = var.inbox_id
  source_id          = "a4c6e1f0-3b1d-4c55-9f1e-7c2d8b9e0a11"
  resolve_on_destroy = false
}

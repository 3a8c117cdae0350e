variable "inbox_id" {
  description = "Channel ID of an API-channel inbox (Project Settings → Channels → the channel → Settings)."
  type        = string
}

# A contact that exists already, made by hand or by another configuration:
# looked up by its identifier, so this configuration neither creates nor
# forgets it.
data "livedesk_contact" "sales_lead" {
  identifier = "crm-10042"
}

resource "livedesk_conversations" "follow_up" {
  inbox_id = var.inbox_id

  conversations = {
    sales-lead = {
      contact_id = data.livedesk_contact.sales_lead.id
      messages = [
        { content = "Thanks for your interest! Here is what our plans include." },
      ]
    }
  }
}

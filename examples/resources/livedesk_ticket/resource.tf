# A ticket for a customer. LiveDesk's examples name the requester as
# contact_<id> and its channel as inbox_<id>; adapt them to your project.
resource "livedesk_ticket" "printer" {
  title       = "Printer paper jam, unable to print"
  description = "Customer reported A4 paper jammed at the output tray."
  priority    = "high"
  ticket_type = "incident"
  tags        = ["printer", "hardware"]

  custom_fields = {
    device_sn = "PRN-2024-001"
    location  = "HQ - 3rd Floor Print Room"
  }

  attachment_urls = ["https://example.com/files/error.jpg"]

  requester = {
    euid       = "contact_12345"
    channel_id = "inbox_100"
  }

  submitter_id    = "u_12345"
  assignment_team = "IT Support"
}

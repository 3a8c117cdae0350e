# A ticket is imported by its id; the refresh that follows reads the rest.
terraform import livedesk_ticket.printer tk_20251104_789abc

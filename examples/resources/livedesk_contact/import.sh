# Import by the contact id, or by a key LiveDesk's search can find exactly:
# identifier, email or phone.
terraform import livedesk_contact.alice 2219259
terraform import livedesk_contact.alice identifier:crm-10042
terraform import livedesk_contact.alice email:alice@acme.inc
terraform import livedesk_contact.alice phone:+6591234567

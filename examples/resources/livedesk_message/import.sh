# Import a message by <conversation_id>/<message_id>. LiveDesk cannot read a
# message back, so the first apply after the import adopts the configuration
# in place and sends nothing.
terraform import livedesk_message.example 407/3031

# Import a conversation by its id, the number LiveDesk shows. LiveDesk cannot
# read a conversation back, so the first apply after the import adopts the
# configuration in place and sends nothing. Every message in `messages` is
# then planned as new and would be sent: leave `messages` out to adopt the
# conversation as it is.
terraform import livedesk_conversation.example 407

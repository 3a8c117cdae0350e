# Import a conversation by its id, the number LiveDesk shows. LiveDesk cannot
# read a conversation back, so the first apply after the import adopts the
# configuration in place and sends nothing but new messages.
terraform import livedesk_conversation.example 407

# Import it with the ids of the messages it already holds, in transcript
# order: the first elements of `messages` adopt them without a send, and only
# the elements after them are sent. Imported by its id alone, every element
# of `messages` is planned as new (the plan warns by count).
terraform import livedesk_conversation.example 407/3031,3032

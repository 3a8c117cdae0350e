# Import a conversation with the ids of the messages it already holds, in
# transcript order: the first elements of `messages` adopt them without a
# send, and the first apply sends only the elements after them.
terraform import livedesk_conversation.support 407/3031,3032

# By its id alone, a conversation is adopted as it is when its configuration
# has no `messages`. With `messages` configured, the first apply sends every
# element (the plan warns by count), whatever the conversation holds.
terraform import livedesk_conversation.support 407

# Import the conversations of inbox 1 by their ids, each under the key the
# configuration gives it, separated by ";". After a "/", the ids of the
# messages a conversation already holds, in transcript order, adopt the
# first elements of its messages without sending them: the first apply sends
# only the elements after those. Entries with an inline contact cannot be
# imported (the import cannot say who the contact is): give them contact_id.
terraform import livedesk_conversations.cohort '1:alice=407/3031,3032;bob=408/3040,3041'

package conversation

import "fmt"

// ReplacementWarning is the plan's warning for conversation id that will
// be replaced: what names it ("The conversation" or a key's), reason says
// why (see TranscriptPlan.Change), and resolves says whether the old one
// is resolved (resolve_on_destroy).
func ReplacementWarning(what, id, reason string, resolves bool) (summary, detail string) {
	fate := "resolves the old one"
	if !resolves {
		fate = "leaves the old one as it is (resolve_on_destroy = false)"
	}
	return what + " will be replaced", fmt.Sprintf("%s (%s): %s. LiveDesk cannot change or delete a message that was sent, so this plan creates a new "+
		"conversation that receives the whole transcript again, and %s. Only messages added at the end of the list are sent in place.", what, id, reason, fate)
}

// UnadoptedWarning is the plan's warning for a conversation imported by
// its id alone whose configuration has n messages: all of them will be
// sent. target writes the import that adopts them instead.
func UnadoptedWarning(conversationID string, n int, target ImportTarget) (summary, detail string) {
	return fmt.Sprintf("%d messages will be sent to imported conversation %s", n, conversationID),
		fmt.Sprintf("Conversation %s was imported by its id alone, so every element of messages is planned as new and will be sent, "+
			"even if the conversation already holds it (LiveDesk cannot delete a message sent twice). If it already holds some of them, "+
			"import it with their ids instead, in transcript order, to adopt them without sending: %s.",
			conversationID, ImportCommand(target, conversationID, nil, "<message id>,<message id>,…"))
}

package livedesk

import "slices"

// statusTransitions is the documented status-flow matrix (the LiveDesk
// user guide's "Conversation Status Flow", restricted to the statuses the
// API accepts): every move is allowed except resolved to snoozed. The
// server checks it and answers a refused move with an *APIError (422).
var statusTransitions = map[string][]string{
	StatusOpen:     {StatusPending, StatusSnoozed, StatusResolved},
	StatusPending:  {StatusOpen, StatusSnoozed, StatusResolved},
	StatusSnoozed:  {StatusOpen, StatusPending, StatusResolved},
	StatusResolved: {StatusOpen, StatusPending},
}

// TransitionAllowed reports whether the documented matrix lets a
// conversation move from one status to another. Setting the status it
// already has is allowed (toggle_status answers it as a success), and so is
// any move from or to a status the matrix does not list: the server, not
// the client, has the last word on those.
func TransitionAllowed(from, to string) bool {
	allowed, known := statusTransitions[from]
	if from == to || !known || !slices.Contains(ConversationStatuses, to) {
		return true
	}
	return slices.Contains(allowed, to)
}

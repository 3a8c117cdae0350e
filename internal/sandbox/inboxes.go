package sandbox

import (
	"net/http"
	"slices"
)

// Inbox is an API channel ("inbox") configured in the sandbox. LiveDesk has
// no API to create inboxes, so they are fixed when the server is created;
// their options can be changed afterwards with SetInbox or
// PATCH /_sandbox/inboxes/{id}, as an administrator would in the console.
type Inbox struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// LockToSingleConversation is the inbox setting "lock to single
	// conversation": creating a conversation for a contact that already
	// has one in this inbox answers with that existing conversation, with
	// status 200, instead of creating a new one (Chatwoot's
	// ConversationBuilder).
	LockToSingleConversation bool `json:"lock_to_single_conversation"`
	// ActiveBot is an agent bot connected to the inbox: its new
	// conversations start "pending" instead of "open" (Chatwoot's
	// Conversation#determine_conversation_status).
	ActiveBot bool `json:"active_bot"`
}

// inboxOptionsPatch is the body of PATCH /_sandbox/inboxes/{id}: present
// fields change.
type inboxOptionsPatch struct {
	LockToSingleConversation *bool `json:"lock_to_single_conversation"`
	ActiveBot                *bool `json:"active_bot"`
}

// SetInbox replaces the options of the configured inbox with in.ID (its
// name included). The error, if any, says that no such inbox is
// configured: inboxes cannot be added at run time.
func (s *Server) SetInbox(in Inbox) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.inboxIndex(in.ID)
	if i < 0 {
		return notFound()
	}
	s.inboxes[i] = in
	return nil
}

// Inboxes returns the configured inboxes with their current options.
func (s *Server) Inboxes() []Inbox {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.inboxes)
}

// inboxIndex is the index in s.inboxes of the inbox with the given ID, or
// -1; s.mu must be held.
func (s *Server) inboxIndex(id int64) int {
	return slices.IndexFunc(s.inboxes, func(in Inbox) bool { return in.ID == id })
}

// inbox returns the configured inbox with the given ID; s.mu must be held.
func (s *Server) inbox(id int64) (Inbox, bool) {
	i := s.inboxIndex(id)
	if i < 0 {
		return Inbox{}, false
	}
	return s.inboxes[i], true
}

// requiredInbox resolves a request's inbox_id: 422 when missing or not an
// ID, 404 when no such inbox is configured; s.mu must be held.
func (s *Server) requiredInbox(field flexibleID) (Inbox, *apiError) {
	id, err := field.value("inbox_id")
	if err != nil {
		return Inbox{}, err
	}
	if id == 0 {
		return Inbox{}, unprocessable("inbox_id is required")
	}
	inbox, ok := s.inbox(id)
	if !ok {
		return Inbox{}, notFound()
	}
	return inbox, nil
}

// inspectInboxes answers GET /_sandbox/inboxes: the inboxes and their
// options.
func (s *Server) inspectInboxes(*http.Request) (any, *apiError) {
	return s.Inboxes(), nil
}

// inspectSetInbox answers PATCH /_sandbox/inboxes/{id}: the body's present
// options change, the others are kept.
func (s *Server) inspectSetInbox(r *http.Request) (any, *apiError) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	var patch inboxOptionsPatch
	if err := decodeJSON(r, &patch); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.inboxIndex(id)
	if i < 0 {
		return nil, notFound()
	}
	in := &s.inboxes[i]
	if patch.LockToSingleConversation != nil {
		in.LockToSingleConversation = *patch.LockToSingleConversation
	}
	if patch.ActiveBot != nil {
		in.ActiveBot = *patch.ActiveBot
	}
	return *in, nil
}

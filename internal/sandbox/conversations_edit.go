package sandbox

import (
	"net/http"
	"slices"
	"strings"
)

// An agent changes a conversation's status in the console, behind the
// back of whatever manages it through the API: SetConversationStatus and
// PATCH /_sandbox/conversations/{id} play that agent. The change is not an
// API request, so it is not counted in Conversation.StatusChanges, and the
// status-flow matrix, which binds the API, does not apply.

// conversationStatusPatch is the body of PATCH /_sandbox/conversations/{id}.
type conversationStatusPatch struct {
	Status string `json:"status"`
}

// SetConversationStatus sets a conversation's status as an agent would in
// the console; a snoozed_until is cleared. The error, if any, says the
// conversation or the status is unknown.
func (s *Server) SetConversationStatus(id int64, status string) error {
	if err := s.setConversationStatus(id, status); err != nil {
		return err
	}
	return nil
}

// setConversationStatus is SetConversationStatus with the API's error.
func (s *Server) setConversationStatus(id int64, status string) *apiError {
	if !slices.Contains(apiStatuses, status) {
		return unprocessable("Invalid status %q: must be one of %s", status, strings.Join(apiStatuses, ", "))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	conv, ok := s.data.conversations[id]
	if !ok {
		return notFound()
	}
	conv.Status, conv.SnoozedUntil, conv.updatedAt = status, nil, s.nowLocked()
	return nil
}

// inspectSetConversationStatus answers PATCH /_sandbox/conversations/{id}
// with {"status":"open"}.
func (s *Server) inspectSetConversationStatus(r *http.Request) (any, *apiError) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	var patch conversationStatusPatch
	if err := decodeJSON(r, &patch); err != nil {
		return nil, err
	}
	if err := s.setConversationStatus(id, patch.Status); err != nil {
		return nil, err
	}
	return map[string]any{"id": id, "status": patch.Status}, nil
}

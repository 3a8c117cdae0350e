package sandbox

import (
	"net/http"
	"testing"
)

func TestAnAgentsStatusChangeIsNotAnAPIRequest(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	id := c.createConversation()
	c.do(http.MethodPatch, "/_sandbox/conversations/"+itoa(id), map[string]any{"status": "resolved"}).expect(t, http.StatusOK)
	c.do(http.MethodPatch, "/_sandbox/conversations/"+itoa(id), map[string]any{"status": "closed"}).expect(t, http.StatusUnprocessableEntity)
	if err := s.SetConversationStatus(id+100, "open"); err == nil {
		t.Error("an unknown conversation's status was set")
	}
	for _, conv := range s.Snapshot().Conversations {
		if conv.ID == id && (conv.Status != "resolved" || conv.StatusChanges != 0) {
			t.Errorf("conversation %q after %d API status changes, want resolved after none", conv.Status, conv.StatusChanges)
		}
	}
}

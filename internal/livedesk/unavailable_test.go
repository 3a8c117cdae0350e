package livedesk

import (
	"context"
	"errors"
	"testing"
)

func TestUnavailableClientSendsNothingAndAnswersItsError(t *testing.T) {
	t.Parallel()
	reason := errors.New("settings not known yet")
	c := NewUnavailable(reason)
	ctx := context.Background()
	if _, err := c.Conversations.Create(ctx, CreateConversationRequest{InboxID: 1, ContactID: 1}); !errors.Is(err, reason) {
		t.Errorf("Conversations.Create: %v", err)
	}
	if _, err := c.Messages.Create(ctx, 1, CreateMessageRequest{Content: "hi"}); !errors.Is(err, reason) {
		t.Errorf("Messages.Create: %v", err)
	}
	if _, err := c.Tickets.Get(ctx, "tk_1"); !errors.Is(err, reason) {
		t.Errorf("Tickets.Get: %v", err)
	}
	if MayHaveCommitted(reason) {
		t.Error("an unsent request may have committed")
	}
}

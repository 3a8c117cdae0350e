package provider

import (
	"context"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// conversationOpenError is a conversation create that failed or whose
// answer the engine refused (see conversation.CreateCheck).
type conversationOpenError struct {
	// Refused is set when LiveDesk answered, but not with a new
	// conversation of this resource's own in the requested inbox.
	Refused bool
	// Detail says what went wrong and what to do.
	Detail string
}

// openConversation sends a conversation's one create request and checks
// the answer with the engine, for every resource that creates
// conversations. owner names the resource or key creating it; target
// writes the import that adopts a conversation created all the same.
func (d *providerData) openConversation(ctx context.Context, req livedesk.CreateConversationRequest, owner string,
	target conversation.ImportTarget) (*livedesk.Conversation, *conversationOpenError) {
	conv, err := d.client.Conversations.Create(ctx, req)
	if err != nil {
		adopt := "If it exists, adopt it instead of creating another: " + conversation.ImportCommand(target, "<conversation id>", nil, "")
		return nil, &conversationOpenError{Detail: d.explainConversationCreate(err, req, adopt)}
	}
	check := conversation.CreateCheck{Requested: req, Owner: owner, Claims: &d.claims, Target: target}
	if err := check.CheckCreated(conv); err != nil {
		return nil, &conversationOpenError{Refused: true, Detail: err.Error()}
	}
	return conv, nil
}

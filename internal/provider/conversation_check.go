package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// answerAgeAllowance is how much older than its answer a new
// conversation's created_at may be before the answer is taken for an
// existing conversation. Both times come from the server's clock (this
// machine's plays no part), so the allowance only covers the time the
// server took to answer and the Date header's one-second resolution.
const answerAgeAllowance = time.Minute

// checkCreatedConversation returns a user-facing error when the answer to
// a conversation create is not a new conversation in the requested inbox,
// or nil. Two answers are refused, because two resources would then share
// one conversation (and resolve it twice):
//
//   - a conversation in another inbox: the server finds the contact of a
//     source_id in every inbox, not only in the requested one;
//   - a conversation that already holds messages, or whose created_at is
//     more than answerAgeAllowance before the server's own time of the
//     answer (conv.AnsweredAt, the Date header): an inbox set to "lock to
//     single conversation" answers with the contact's existing
//     conversation instead of creating one. Without a usable Date the age
//     is not judged at all: this machine's clock may be off by any amount.
func checkCreatedConversation(requested livedesk.CreateConversationRequest, conv *livedesk.Conversation) error {
	if got := int64(conv.InboxID); got != 0 && got != requested.InboxID {
		return fmt.Errorf("LiveDesk answered with conversation %d in inbox %d, not in the requested inbox_id %d. "+
			"LiveDesk looks a source_id up in every inbox, and %q belongs to a contact in inbox %d. "+
			"Use the contact's source_id in inbox %d (the contact's source_id attribute when it was created there), or set contact_id instead",
			int64(conv.ID), got, requested.InboxID, requested.SourceID, got, requested.InboxID)
	}
	if len(conv.Messages) > 0 {
		return fmt.Errorf("LiveDesk answered with conversation %d, which already holds messages: inbox %d is set to \"lock to single conversation\" "+
			"and the contact already has a conversation there, so LiveDesk returned it instead of creating one. "+
			"Manage that conversation with one resource (terraform import <address> %d), or turn the lock off in the inbox settings",
			int64(conv.ID), requested.InboxID, int64(conv.ID))
	}
	created, answered := conv.CreatedAt.Time, conv.AnsweredAt
	if !created.IsZero() && !answered.IsZero() && created.Before(answered.Add(-answerAgeAllowance)) {
		return fmt.Errorf("LiveDesk answered with conversation %d, created at %s by LiveDesk's clock, which read %s when it answered (%s earlier, "+
			"both by the server's clock): inbox %d is set to \"lock to single conversation\" "+
			"and the contact already has a conversation there, so LiveDesk returned it instead of creating one. "+
			"Manage that conversation with one resource (terraform import <address> %d), or turn the lock off in the inbox settings",
			int64(conv.ID), created.UTC().Format(time.RFC3339), answered.UTC().Format(time.RFC3339), answered.Sub(created).Round(time.Second),
			requested.InboxID, int64(conv.ID))
	}
	return nil
}

// conversationOpenError is a conversation create that failed or whose
// answer checkCreatedConversation refused.
type conversationOpenError struct {
	// Refused is set when LiveDesk answered, but not with a new
	// conversation in the requested inbox.
	Refused bool
	// Detail says what went wrong and what to do.
	Detail string
}

// openConversation sends a conversation's one create request and checks
// the answer (see checkCreatedConversation), for every resource that
// creates conversations. adopt says how to adopt a conversation the
// request may have created all the same.
func (d *providerData) openConversation(ctx context.Context, req livedesk.CreateConversationRequest, adopt string) (*livedesk.Conversation, *conversationOpenError) {
	conv, err := d.client.Conversations.Create(ctx, req)
	if err != nil {
		return nil, &conversationOpenError{Detail: d.explainConversationCreate(err, req, adopt)}
	}
	if err := checkCreatedConversation(req, conv); err != nil {
		return nil, &conversationOpenError{Refused: true, Detail: err.Error()}
	}
	return conv, nil
}

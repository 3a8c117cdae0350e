package provider

import (
	"fmt"
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// clockSkewAllowance is how much older than the request a new
// conversation's created_at may be before the answer is taken for an
// existing conversation: the server's clock and this machine's may differ
// by a little.
const clockSkewAllowance = time.Minute

// checkCreatedConversation returns a user-facing error when the answer to
// a conversation create is not a new conversation in the requested inbox,
// or nil. Two answers are refused, because two resources would then share
// one conversation (and resolve it twice):
//
//   - a conversation in another inbox: the server finds the contact of a
//     source_id in every inbox, not only in the requested one;
//   - a conversation that already holds messages, or was created before
//     the request (allowing for clock skew): an inbox set to "lock to
//     single conversation" answers with the contact's existing
//     conversation instead of creating one.
//
// requestedAt is when the request was about to be sent.
func checkCreatedConversation(requested livedesk.CreateConversationRequest, requestedAt time.Time, conv *livedesk.Conversation) error {
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
	if created := conv.CreatedAt.Time; !created.IsZero() && created.Before(requestedAt.Add(-clockSkewAllowance)) {
		return fmt.Errorf("LiveDesk answered with conversation %d, created %s, before this request: inbox %d is set to \"lock to single conversation\" "+
			"and the contact already has a conversation there, so LiveDesk returned it instead of creating one. "+
			"Manage that conversation with one resource (terraform import <address> %d), or turn the lock off in the inbox settings",
			int64(conv.ID), created.Format(time.RFC3339), requested.InboxID, int64(conv.ID))
	}
	return nil
}

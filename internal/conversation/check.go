package conversation

import (
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// answerAgeAllowance is how much older than its answer a new
// conversation's created_at may be before the answer is taken for an
// existing conversation. Both times come from the server's clock (this
// machine's plays no part), so the allowance only covers the time the
// server took to answer and the Date header's one-second resolution.
const answerAgeAllowance = time.Minute

// Claims are the conversations the resources of one provider process
// created: an inbox locked to a single conversation per contact answers a
// second create for the same contact with the first one's conversation,
// brand new and empty, which only this record can tell apart.
type Claims struct {
	mu     sync.Mutex
	owners map[int64]string
}

// owner is the owner of conversation id, or "".
func (c *Claims) owner(id int64) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.owners[id]
}

// claim records conversation id as owner's and returns "", or returns the
// owner that already holds it.
func (c *Claims) claim(id int64, owner string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if other, held := c.owners[id]; held {
		return other
	}
	if c.owners == nil {
		c.owners = map[int64]string{}
	}
	c.owners[id] = owner
	return ""
}

// CreateCheck is what a conversation create answer is checked against.
type CreateCheck struct {
	Requested livedesk.CreateConversationRequest
	// Owner names the resource or key creating it, such as
	// "livedesk_conversations key \"billing\"".
	Owner string
	// Claims are the conversations this provider process created.
	Claims *Claims
	// Target writes the import that adopts a conversation.
	Target ImportTarget
}

// CheckCreated returns a user-facing error when the answer to a
// conversation create is not a new conversation of its own in the
// requested inbox, or nil, and claims the conversation for c.Owner. Each
// refusal prevents two resources from sharing one conversation (merging
// their transcripts and resolving it twice):
//
//   - a conversation in another inbox: the server finds the contact of a
//     source_id in every inbox, not only in the requested one;
//   - a conversation that already holds messages, or whose created_at is
//     more than answerAgeAllowance before the server's own time of the
//     answer (conv.AnsweredAt, the Date header): an inbox set to "lock to
//     single conversation" answers with the contact's existing
//     conversation. Without a usable Date the age is not judged: this
//     machine's clock may be off by any amount;
//   - a conversation another resource or key of this provider process
//     created: the same lock, for two creates of one apply.
func (c CreateCheck) CheckCreated(conv *livedesk.Conversation) error {
	id, requested := int64(conv.ID), c.Requested
	if got := int64(conv.InboxID); got != 0 && got != requested.InboxID {
		return fmt.Errorf("LiveDesk answered with conversation %d in inbox %d, not in the requested inbox_id %d. "+
			"LiveDesk looks a source_id up in every inbox, and %q belongs to a contact in inbox %d. "+
			"Use the contact's source_id in inbox %d (the contact's source_id attribute when it was created there), or set contact_id instead",
			id, got, requested.InboxID, requested.SourceID, got, requested.InboxID)
	}
	locked := fmt.Sprintf("inbox %d is set to \"lock to single conversation\" and the contact already has a conversation there, "+
		"so LiveDesk returned it instead of creating one", requested.InboxID)
	adopt := fmt.Sprintf("Manage that conversation with one resource (%s), or turn the lock off in the inbox settings",
		ImportCommand(c.Target, strconv.FormatInt(id, 10), nil, "<message id>,…"))
	if other := c.Claims.owner(id); other != "" {
		// Checked first: the other owner may have sent messages already.
		return c.sharedError(id, other, locked)
	}
	if len(conv.Messages) > 0 {
		return fmt.Errorf("LiveDesk answered with conversation %d, which already holds messages: %s. %s", id, locked, adopt)
	}
	created, answered := conv.CreatedAt.Time, conv.AnsweredAt
	if !created.IsZero() && !answered.IsZero() && created.Before(answered.Add(-answerAgeAllowance)) {
		return fmt.Errorf("LiveDesk answered with conversation %d, created at %s by LiveDesk's clock, which read %s when it answered (%s earlier, "+
			"both by the server's clock): %s. %s",
			id, created.UTC().Format(time.RFC3339), answered.UTC().Format(time.RFC3339), answered.Sub(created).Round(time.Second), locked, adopt)
	}
	if other := c.Claims.claim(id, c.Owner); other != "" {
		return c.sharedError(id, other, locked)
	}
	return nil
}

// sharedError refuses conversation id, which other created in this same
// run.
func (c CreateCheck) sharedError(id int64, other, locked string) error {
	return fmt.Errorf("LiveDesk answered with conversation %d, which %s created in this same run: %s, and the two would share one conversation, "+
		"their messages interleaved. Nothing was sent to it for %s. Write both transcripts as one conversation (one resource or key per contact "+
		"in this inbox), or turn the lock off in the inbox settings",
		id, other, locked, c.Owner)
}

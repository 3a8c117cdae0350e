package provider

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// withMessage gives a create answer the last message Chatwoot's view
// carries for a conversation that has one.
func withMessage(conv *livedesk.Conversation) *livedesk.Conversation {
	conv.Messages = []json.RawMessage{json.RawMessage(`{"id":5,"content":"earlier"}`)}
	return conv
}

func TestCheckCreatedConversation(t *testing.T) {
	t.Parallel()
	answeredAt := time.Date(2026, 1, 21, 3, 0, 0, 0, time.UTC)
	answer := func(inboxID int64, created time.Time) *livedesk.Conversation {
		return &livedesk.Conversation{ID: 77, InboxID: livedesk.Int64(inboxID), CreatedAt: livedesk.Timestamp{Time: created}, AnsweredAt: answeredAt}
	}
	undated := func(conv *livedesk.Conversation) *livedesk.Conversation {
		conv.AnsweredAt = time.Time{}
		return conv
	}
	bySource := livedesk.CreateConversationRequest{InboxID: 1, SourceID: "src-two"}
	for name, tc := range map[string]struct {
		conv *livedesk.Conversation
		want []string // substrings of the error; none for a good answer
	}{
		"new, same second":                    {answer(1, answeredAt), nil},
		"new, a slow answer":                  {answer(1, answeredAt.Add(-50*time.Second)), nil},
		"new, created after the Date":         {answer(1, answeredAt.Add(time.Hour)), nil},
		"no inbox or time in answer":          {answer(0, time.Time{}), nil},
		"no Date header, old created_at":      {undated(answer(1, answeredAt.Add(-24*time.Hour))), nil},
		"another inbox":                       {answer(2, answeredAt), []string{"conversation 77 in inbox 2", "requested inbox_id 1", `"src-two"`, "contact_id"}},
		"existing, locked inbox":              {answer(1, answeredAt.Add(-2*time.Minute)), []string{"conversation 77", "lock to single conversation", "inbox 1", "terraform import <address> 77"}},
		"existing, in another inbox":          {answer(2, answeredAt.Add(-time.Hour)), []string{"in inbox 2"}},
		"existing, an hour before the answer": {answer(1, answeredAt.Add(-time.Hour)), []string{"created at 2026-01-21T02:00:00Z", "read 2026-01-21T03:00:00Z", "1h0m0s earlier"}},
		"existing, just now, with messages":   {withMessage(answer(1, answeredAt)), []string{"already holds messages", "lock to single conversation", "terraform import <address> 77"}},
		"existing, no Date, with messages":    {withMessage(undated(answer(1, answeredAt))), []string{"already holds messages"}},
	} {
		t.Run(name, func(t *testing.T) {
			err := checkCreatedConversation(bySource, tc.conv)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("a new conversation in the requested inbox was refused: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("answer %+v was accepted", tc.conv)
			}
			for _, want := range tc.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
		})
	}
}

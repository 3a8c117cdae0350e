package conversation

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

func TestCheckCreated(t *testing.T) {
	t.Parallel()
	answeredAt := time.Date(2026, 1, 21, 3, 0, 0, 0, time.UTC)
	answer := func(inboxID int64, created time.Time) *livedesk.Conversation {
		return &livedesk.Conversation{ID: 77, InboxID: livedesk.Int64(inboxID), CreatedAt: livedesk.Timestamp{Time: created}, AnsweredAt: answeredAt}
	}
	undated := func(conv *livedesk.Conversation) *livedesk.Conversation {
		conv.AnsweredAt = time.Time{}
		return conv
	}
	withMessage := func(conv *livedesk.Conversation) *livedesk.Conversation {
		conv.Messages = []json.RawMessage{json.RawMessage(`{"id":5,"content":"earlier"}`)}
		return conv
	}
	bySource := livedesk.CreateConversationRequest{InboxID: 1, SourceID: "src-two"}
	for name, tc := range map[string]struct {
		conv   *livedesk.Conversation
		target ImportTarget
		want   []string // substrings of the error; none for a good answer
	}{
		"new, same second":                    {answer(1, answeredAt), SingleImport{}, nil},
		"new, a slow answer":                  {answer(1, answeredAt.Add(-50*time.Second)), SingleImport{}, nil},
		"new, created after the Date":         {answer(1, answeredAt.Add(time.Hour)), SingleImport{}, nil},
		"no inbox or time in answer":          {answer(0, time.Time{}), SingleImport{}, nil},
		"no Date header, old created_at":      {undated(answer(1, answeredAt.Add(-24*time.Hour))), SingleImport{}, nil},
		"another inbox":                       {answer(2, answeredAt), SingleImport{}, []string{"conversation 77 in inbox 2", "requested inbox_id 1", `"src-two"`, "contact_id"}},
		"existing, locked inbox":              {answer(1, answeredAt.Add(-2*time.Minute)), SingleImport{}, []string{"lock to single conversation", "terraform import <address> 77/<message id>"}},
		"existing, an hour before the answer": {answer(1, answeredAt.Add(-time.Hour)), SingleImport{}, []string{"created at 2026-01-21T02:00:00Z", "1h0m0s earlier"}},
		"existing, with messages":             {withMessage(answer(1, answeredAt)), SingleImport{}, []string{"already holds messages", "lock to single conversation"}},
		"existing, with messages, in a key": {withMessage(answer(1, answeredAt)), EntriesImport{InboxID: 1, Key: "billing", Others: map[string]Imported{"refund": {ID: 80}}},
			[]string{"terraform import <address> 1:billing=77/<message id>,…;refund=80"}},
	} {
		t.Run(name, func(t *testing.T) {
			err := CreateCheck{Requested: bySource, Owner: "key " + name, Claims: &Claims{}, Target: tc.target}.CheckCreated(tc.conv)
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

// TestCheckCreatedRefusesAConversationAnotherResourceCreated is the inbox
// locked to one conversation per contact answering two creates of one
// apply with the same brand-new conversation.
func TestCheckCreatedRefusesAConversationAnotherResourceCreated(t *testing.T) {
	t.Parallel()
	claims := &Claims{}
	conv := &livedesk.Conversation{ID: 1, InboxID: 3}
	first := CreateCheck{Requested: livedesk.CreateConversationRequest{InboxID: 3, ContactID: 9}, Owner: `livedesk_conversations key "billing"`, Claims: claims, Target: SingleImport{}}
	if err := first.CheckCreated(conv); err != nil {
		t.Fatalf("the first create was refused: %v", err)
	}
	second := first
	second.Owner = `livedesk_conversations key "refund"`
	err := second.CheckCreated(conv)
	if err == nil {
		t.Fatal("the second create of the same conversation was accepted")
	}
	for _, want := range []string{`conversation 1, which livedesk_conversations key "billing" created in this same run`, "lock to single conversation",
		`Nothing was sent to it for livedesk_conversations key "refund"`, "turn the lock off"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if err := first.CheckCreated(&livedesk.Conversation{ID: 2, InboxID: 3}); err != nil {
		t.Errorf("another conversation was refused: %v", err)
	}
	// Answered once the first key has sent its messages, the refusal still
	// names the key that holds it.
	withMessages := &livedesk.Conversation{ID: 1, InboxID: 3, Messages: []json.RawMessage{json.RawMessage(`{"id":5}`)}}
	if err := second.CheckCreated(withMessages); err == nil || !strings.Contains(err.Error(), `which livedesk_conversations key "billing" created in this same run`) {
		t.Errorf("a conversation another key created and filled: %v", err)
	}
}

// The first owner may have sent messages by the time a second create of
// the same locked conversation is answered: the answer still names the
// owner, not an existing conversation.
func TestCheckCreatedNamesTheOwnerOfAConversationThatAlreadyHoldsItsMessages(t *testing.T) {
	t.Parallel()
	claims := &Claims{}
	first := CreateCheck{Requested: livedesk.CreateConversationRequest{InboxID: 3, ContactID: 9}, Owner: `livedesk_conversations key "billing"`, Claims: claims, Target: SingleImport{}}
	if err := first.CheckCreated(&livedesk.Conversation{ID: 1, InboxID: 3}); err != nil {
		t.Fatalf("the first create was refused: %v", err)
	}
	second := first
	second.Owner = `livedesk_conversations key "refund"`
	err := second.CheckCreated(&livedesk.Conversation{ID: 1, InboxID: 3, Messages: []json.RawMessage{json.RawMessage(`{"id":5}`)}})
	if err == nil || !strings.Contains(err.Error(), `livedesk_conversations key "billing" created in this same run`) {
		t.Errorf("error %v does not name the key that created the conversation", err)
	}
}

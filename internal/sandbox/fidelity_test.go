package sandbox

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"
)

// These tests hold the rules FIDELITY.md lists where the sandbox follows
// Chatwoot's code because LiveDesk's pages are silent.

func TestContactPhoneNumberIsE164AndUniquePerAccount(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	c.createContact(map[string]any{"phone_number": "+6591234567"})
	const invalid = `{"message":"Phone number should be in e164 format","attributes":["phone_number"]}`
	for _, phone := range []string{"91234567", "+0123", "+1", "+1234567890123456", "+65 9123 4567", "+6591234567x"} {
		t.Run(phone, func(t *testing.T) {
			c.do(http.MethodPost, "/api/v2/accounts/contacts", map[string]any{"inbox_id": 1, "phone_number": phone}).expectBody(t, 422, invalid)
		})
	}
	for _, phone := range []string{"+12", "+123456789012345"} { // 2 and 15 digits
		c.do(http.MethodPost, "/api/v2/accounts/contacts", map[string]any{"inbox_id": 1, "phone_number": phone}).expect(t, http.StatusOK)
	}
	c.do(http.MethodPost, "/api/v2/accounts/contacts", map[string]any{"inbox_id": 1, "phone_number": "+6591234567"}).
		expectBody(t, 422, `{"message":"Phone number has already been taken","attributes":["phone_number"]}`)
	other := itoa(num(t, c.createContact(map[string]any{"name": "Other"}), "id"))
	c.do(http.MethodPatch, "/api/v2/accounts/contacts/"+other, map[string]any{"phone_number": "+6591234567"}).
		expectBody(t, 422, `{"message":"Phone number has already been taken","attributes":["phone_number"]}`)
	c.do(http.MethodPatch, "/api/v2/accounts/contacts/"+other, map[string]any{"phone_number": "12345"}).expectBody(t, 422, invalid)
}

func TestContactEmailFormatAndIdentifierCase(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	for _, email := range []string{"alice", "alice@", "@acme.inc", "al ice@acme.inc", "a@b@c"} {
		c.do(http.MethodPost, "/api/v2/accounts/contacts", map[string]any{"inbox_id": 1, "email": email}).
			expectBody(t, 422, `{"message":"Email Invalid email","attributes":["email"]}`)
	}
	c.createContact(map[string]any{"email": "Alice@Acme.INC", "identifier": "Crm-1"})
	c.do(http.MethodPost, "/api/v2/accounts/contacts", map[string]any{"inbox_id": 1, "email": "ALICE@acme.inc"}).
		expectBody(t, 422, `{"message":"Email has already been taken","attributes":["email"]}`)
	c.do(http.MethodPost, "/api/v2/accounts/contacts", map[string]any{"inbox_id": 1, "identifier": "Crm-1"}).
		expectBody(t, 422, `{"message":"Identifier has already been taken","attributes":["identifier"]}`)
	// Identifiers are compared case-sensitively: another spelling is another contact.
	c.createContact(map[string]any{"identifier": "crm-1"})
	if st := s.Snapshot().Contacts; st[0].Email != "alice@acme.inc" || st[1].Identifier != "crm-1" {
		t.Errorf("stored %+v", st)
	}
	// A fixture from before the rules may break them.
	if _, err := s.AddContact(ContactInput{PhoneNumber: "12345", Identifier: "Crm-1", Unvalidated: true}); err != nil {
		t.Errorf("unvalidated fixture refused: %v", err)
	}
	if _, err := s.AddContact(ContactInput{PhoneNumber: "12345"}); err == nil {
		t.Error("validated fixture with a bad phone number accepted")
	}
}

func TestContactIndexListsOnlyContactsWithAKeyAndSearchFindsAll(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	nameOnly := num(t, c.createContact(map[string]any{"name": "Nameless Key"}), "id")
	for i := 1; i <= 16; i++ {
		c.createContact(map[string]any{"name": fmt.Sprintf("Keyed %02d", i), "identifier": fmt.Sprintf("Key-%02d", i)})
	}
	meta, page := listPage(t, c, "")
	if num(t, meta, "count") != 16 || len(page) != contactsPerPage || slices.Contains(ids(t, page), nameOnly) {
		t.Errorf("index: count %v, %d contacts, ids %v; want 16 keyed contacts, 15 a page, without %d", meta["count"], len(page), ids(t, page), nameOnly)
	}
	if _, page := listPage(t, c, "?page=2"); len(page) != 1 {
		t.Errorf("index page 2 holds %d contacts, want 1", len(page))
	}
	if _, page := listPage(t, c, "?q=nameless"); !slices.Equal(ids(t, page), []int64{nameOnly}) {
		t.Errorf("search found %v, want the name-only contact %d", ids(t, page), nameOnly)
	}
	// Identifiers are searched case-sensitively (LIKE), names not (ILIKE).
	if _, page := listPage(t, c, "?q=key-01"); len(page) != 0 {
		t.Errorf("q=key-01 found %v", ids(t, page))
	}
	if _, page := listPage(t, c, "?q=Key-01"); len(page) != 1 {
		t.Errorf("q=Key-01 found %v", ids(t, page))
	}
	if _, page := listPage(t, c, "?q=KEYED%2001"); len(page) != 1 {
		t.Errorf("q=KEYED 01 found %v", ids(t, page))
	}
}

func TestContactSortKeysAndDirection(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	for _, name := range []string{"bravo", "Alpha", "charlie"} {
		c.createContact(map[string]any{"name": name, "identifier": name})
	}
	for query, want := range map[string][]int64{
		"?sort=name":                {2, 1, 3}, // case-insensitive, as LOWER(name)
		"?sort=-name":               {3, 1, 2},
		"?sort=name&direction=desc": {2, 1, 3}, // direction is not Chatwoot's parameter
		"?sort=-company_name":       {1, 2, 3}, // no company: all NULL, ID order
		"?sort=-nonsense":           {1, 2, 3},
		"?sort=-created_at":         {1, 2, 3}, // same second: ID order
	} {
		if _, page := listPage(t, c, query); !slices.Equal(ids(t, page), want) {
			t.Errorf("%s: ids %v, want %v", query, ids(t, page), want)
		}
	}
}

func TestUpdateContactAnswersInAPayloadEnvelope(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	id := itoa(num(t, c.createContact(map[string]any{"name": "Env"}), "id"))
	res := c.do(http.MethodPatch, "/api/v2/accounts/contacts/"+id, map[string]any{"name": "Enveloped"}).expect(t, http.StatusOK).object(t)
	if len(res) != 1 || obj(t, res, "payload")["name"] != "Enveloped" {
		t.Errorf("answer %v, want {\"payload\": {contact}}", res)
	}
	// The behind-the-back edit answers with the bare contact.
	if res := c.do(http.MethodPatch, "/_sandbox/contacts/"+id, map[string]any{"name": "Bare"}).expect(t, http.StatusOK).object(t); res["name"] != "Bare" {
		t.Errorf("inspection answer %v", res)
	}
}

// conversationStatus creates a conversation with the body and returns its
// id, inbox_id and status.
func conversationStatus(t *testing.T, c *testClient, body map[string]any) (id, inboxID int64, status string) {
	t.Helper()
	conv := c.do(http.MethodPost, "/api/v2/accounts/conversations", body).expect(t, http.StatusOK).object(t)
	status, _ = conv["status"].(string)
	return num(t, conv, "id"), num(t, conv, "inbox_id"), status
}

func TestBlockedContactsStartResolvedAndActiveBotsPending(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{Inboxes: []Inbox{{ID: 1, Name: "Plain"}, {ID: 2, Name: "Bot", ActiveBot: true}}})
	blocked := c.createContact(map[string]any{"name": "Blocked", "blocked": true})
	plain := c.createContact(map[string]any{"name": "Plain"})
	if blocked["blocked"] != true {
		t.Errorf("blocked contact renders %v", blocked["blocked"])
	}
	for _, tc := range []struct {
		contact map[string]any
		inbox   int
		want    string
	}{{plain, 1, "open"}, {plain, 2, "pending"}, {blocked, 1, "resolved"}, {blocked, 2, "resolved"}} {
		if _, _, got := conversationStatus(t, c, map[string]any{"inbox_id": tc.inbox, "contact_id": tc.contact["id"]}); got != tc.want {
			t.Errorf("%s in inbox %d starts %s, want %s", tc.contact["name"], tc.inbox, got, tc.want)
		}
	}
	// The /_sandbox/ controls: unblock the contact, switch the bot on in inbox 1.
	c.do(http.MethodPatch, "/_sandbox/contacts/"+itoa(num(t, blocked, "id")), map[string]any{"blocked": false}).expect(t, http.StatusOK)
	c.do(http.MethodPatch, "/_sandbox/inboxes/1", map[string]any{"active_bot": true}).
		expectBody(t, 200, `{"id":1,"name":"Plain","lock_to_single_conversation":false,"active_bot":true}`)
	if _, _, got := conversationStatus(t, c, map[string]any{"inbox_id": 1, "contact_id": blocked["id"]}); got != "pending" {
		t.Errorf("unblocked contact in a bot inbox starts %s, want pending", got)
	}
	if err := s.SetInbox(Inbox{ID: 1, Name: "Plain"}); err != nil {
		t.Fatal(err)
	}
	if _, _, got := conversationStatus(t, c, map[string]any{"inbox_id": 1, "contact_id": plain["id"]}); got != "open" {
		t.Errorf("after SetInbox the conversation starts %s, want open", got)
	}
	if err := s.SetInbox(Inbox{ID: 9}); err == nil {
		t.Error("SetInbox of an unknown inbox succeeded")
	}
	c.do(http.MethodPatch, "/_sandbox/inboxes/9", map[string]any{"active_bot": true}).expect(t, 404)
	c.do(http.MethodGet, "/_sandbox/inboxes", nil).expectBody(t, 200,
		`[{"id":1,"name":"Plain","lock_to_single_conversation":false,"active_bot":false},{"id":2,"name":"Bot","lock_to_single_conversation":false,"active_bot":true}]`)
}

func TestSourceIDIsLookedUpAcrossInboxes(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{Inboxes: []Inbox{{ID: 1, Name: "One"}, {ID: 2, Name: "Two"}}})
	c.createContact(map[string]any{"inbox_id": 2, "name": "In two", "source_id": "two-src"})
	_, inboxID, _ := conversationStatus(t, c, map[string]any{"inbox_id": 1, "source_id": "two-src"})
	if inboxID != 2 {
		t.Errorf("conversation asked for inbox 1 by another inbox's source_id landed in %d, want 2 as Chatwoot does", inboxID)
	}
	if conv := s.Snapshot().Conversations[0]; conv.InboxID != 2 || conv.SourceID != "two-src" {
		t.Errorf("stored %+v", conv)
	}
}

func TestLockToSingleConversationAnswersWithTheExistingOne(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{Inboxes: []Inbox{{ID: 1, Name: "Locked", LockToSingleConversation: true}, {ID: 2, Name: "Free"}}})
	contact, err := s.AddContact(ContactInput{Name: "Locked In", SourceID: "locked-src"})
	if err != nil {
		t.Fatal(err)
	}
	old, err := s.AddConversation(ConversationInput{ContactID: contact.ID, CreatedAt: time.Now().Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	c.do(http.MethodPost, "/api/v2/accounts/conversations/"+itoa(old.ID)+"/messages", map[string]any{"content": "earlier"}).expect(t, http.StatusOK)
	for _, body := range []map[string]any{{"inbox_id": 1, "contact_id": contact.ID}, {"inbox_id": 1, "source_id": "locked-src"}} {
		conv := c.do(http.MethodPost, "/api/v2/accounts/conversations", body).expect(t, http.StatusOK).object(t)
		if num(t, conv, "id") != old.ID || num(t, conv, "created_at") != old.CreatedAt {
			t.Errorf("%v answered conversation %v created %v, want the existing %d created %d", body, conv["id"], conv["created_at"], old.ID, old.CreatedAt)
		}
		// Like Chatwoot's conversation view, the answer carries the last message.
		if msgs, _ := conv["messages"].([]any); len(msgs) != 1 || msgs[0].(map[string]any)["content"] != "earlier" {
			t.Errorf("%v answered messages %v, want the existing conversation's last message", body, conv["messages"])
		}
	}
	if _, inboxID, _ := conversationStatus(t, c, map[string]any{"inbox_id": 2, "contact_id": contact.ID}); inboxID != 2 {
		t.Errorf("unlocked inbox answered inbox %d", inboxID)
	}
	c.do(http.MethodPatch, "/_sandbox/inboxes/1", map[string]any{"lock_to_single_conversation": false}).expect(t, http.StatusOK)
	if id, _, _ := conversationStatus(t, c, map[string]any{"inbox_id": 1, "contact_id": contact.ID}); id == old.ID {
		t.Error("unlocked inbox answered the existing conversation")
	}
	if n := len(s.Snapshot().Conversations); n != 3 {
		t.Errorf("%d conversations stored, want 3", n)
	}
}

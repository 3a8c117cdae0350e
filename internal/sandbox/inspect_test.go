package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestStateJSONFieldNames(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	conv := itoa(c.createConversation())
	c.multipart("/api/v2/accounts/conversations/"+conv+"/messages", map[string]string{"content": "hi"}, file{name: "a.txt", data: []byte("a")}).expect(t, 200)
	st := c.do(http.MethodGet, "/_sandbox/state", nil).expect(t, 200).object(t)
	want := map[string]any{
		"contacts": []any{map[string]any{"id": 1, "inbox_id": 1, "name": "", "email": "", "phone_number": "", "avatar_url": "", "identifier": "",
			"custom_attributes": map[string]any{}, "source_id": "", "created_at": 0}},
		"conversations": []any{map[string]any{"id": 1, "uuid": "", "inbox_id": 1, "contact_id": 1, "source_id": "", "status": "",
			"snoozed_until": nil, "created_at": 0, "status_changes": 0}},
		"messages": []any{map[string]any{"id": 1, "conversation_id": 1, "content": "", "message_type": "", "sender_type": "", "sender_id": 0, "private": false, "in_reply_to": nil, "created_at": 0,
			"attachments": []any{map[string]any{"id": 1, "file_name": "", "content_type": "", "file_type": "", "size": 0, "sha256": ""}}}},
		"requests":    map[string]any{},
		"responses":   map[string]any{},
		"connections": 0,
	}
	// The counters are objects whose keys TestRequestAndResponseCounters checks.
	obj(t, st, "requests")
	obj(t, st, "responses")
	st["requests"], st["responses"] = map[string]any{}, map[string]any{}
	var wantDecoded map[string]any
	data, _ := json.Marshal(want)
	_ = decodeNumbers(data, &wantDecoded)
	for _, d := range sameShape("$", wantDecoded, st, nil) {
		t.Error(d)
	}
}

func TestStateText(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	c.createContact(map[string]any{"name": "Text Person", "email": "text@example.com"})
	conv := itoa(c.createConversation())
	c.do(http.MethodPost, "/api/v2/accounts/conversations/"+conv+"/toggle_status", map[string]any{"status": "snoozed", "snoozed_until": 1800000000}).expect(t, 200)
	c.multipart("/api/v2/accounts/conversations/"+conv+"/messages",
		map[string]string{"content": "see attached", "content_attributes": `{"in_reply_to":7}`, "private": "true"},
		file{name: "report.pdf", data: bytes.Repeat([]byte("x"), 1234)}).expect(t, 200)

	res := c.do(http.MethodGet, "/_sandbox/state?format=text", nil).expect(t, 200)
	if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("Content-Type = %q", ct)
	}
	text := string(res.raw)
	for _, want := range []string{
		`"Text Person" email=text@example.com`,
		"#1 status=snoozed inbox=1 contact=#2",
		"snoozed_until=1800000000",
		`#1 conversation=#1 outgoing "see attached" in_reply_to=#7 private`,
		"attachment #1 report.pdf (application/pdf, 1234 bytes)",
		"POST /api/v2/accounts/conversations/{id}/messages: 1",
		"200: 5",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text state lacks %q:\n%s", want, text)
		}
	}

	var fetched bytes.Buffer
	if err := Inspect(context.Background(), c.base+"/", &fetched); err != nil {
		t.Fatal(err)
	}
	if fetched.String() != formatState(s.Snapshot()) {
		t.Errorf("Inspect wrote:\n%s", fetched.String())
	}
	if err := Inspect(context.Background(), c.base+"/nowhere", &fetched); err == nil {
		t.Error("Inspect of a wrong URL succeeded")
	}
	c.do(http.MethodGet, "/_sandbox/state?format=xml", nil).expect(t, 422)
}

func TestReset(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{Inboxes: []Inbox{{ID: 3, Name: "Kept"}}, APIKey: "kept-key", Faults: Faults{Latency: time.Millisecond}})
	c.key = "kept-key"
	c.createContact(map[string]any{"inbox_id": 3, "email": "once@example.com"})
	c.do(http.MethodPost, "/_sandbox/reset", nil).expectBody(t, 200, `{"reset":true}`)

	st := s.Snapshot()
	if len(st.Contacts)+len(st.Conversations)+len(st.Messages)+len(st.Requests)+len(st.Responses) != 0 || s.Faults() != (Faults{}) {
		t.Fatalf("after reset: %+v, faults %+v", st, s.Faults())
	}
	// Same credentials and inbox; IDs and uniqueness start afresh.
	again := c.createContact(map[string]any{"inbox_id": 3, "email": "once@example.com"})
	if num(t, again, "id") != 1 {
		t.Errorf("id after reset = %v", again["id"])
	}
	s.Reset()
	if len(s.Snapshot().Contacts) != 0 {
		t.Error("Reset kept contacts")
	}
}

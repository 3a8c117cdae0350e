package sandbox

import (
	"net/http"
	"testing"
)

func TestCreateConversationBySourceIDAndIDForms(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	res := c.do(http.MethodPost, "/api/v2/accounts/contacts", map[string]any{"inbox_id": "1", "name": "A", "source_id": "src-a"}).expect(t, http.StatusOK).object(t)
	contactID := num(t, obj(t, obj(t, res, "payload"), "contact"), "id")

	// contact_id as a numeric string, inbox_id as a number.
	first := c.do(http.MethodPost, "/api/v2/accounts/conversations", map[string]any{"inbox_id": 1, "contact_id": itoa(contactID)}).expect(t, http.StatusOK).object(t)
	// source_id alone.
	second := c.do(http.MethodPost, "/api/v2/accounts/conversations", map[string]any{"inbox_id": "1", "source_id": "src-a"}).expect(t, http.StatusOK).object(t)

	if num(t, first, "id") != 1 || num(t, second, "id") != 2 {
		t.Errorf("ids = %v, %v; want 1, 2", first["id"], second["id"])
	}
	if first["uuid"] == second["uuid"] {
		t.Error("uuids are equal")
	}
	if got := num(t, obj(t, obj(t, second, "meta"), "sender"), "id"); got != contactID {
		t.Errorf("sender by source_id = %d, want %d", got, contactID)
	}
	st := s.Snapshot()
	if len(st.Conversations) != 2 {
		t.Fatalf("conversations = %+v", st.Conversations)
	}
	for _, conv := range st.Conversations {
		if conv.ContactID != contactID || conv.SourceID != "src-a" || conv.Status != "open" || conv.InboxID != 1 {
			t.Errorf("conversation = %+v", conv)
		}
	}
}

func TestCreateConversationLinksContactToAnotherInbox(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{Inboxes: []Inbox{{ID: 1, Name: "One"}, {ID: 2, Name: "Two"}}})
	contact := c.createContact(map[string]any{"inbox_id": 1, "name": "Multi", "identifier": "multi"}) // listed: see listed
	conv := c.do(http.MethodPost, "/api/v2/accounts/conversations", map[string]any{"inbox_id": 2, "contact_id": contact["id"]}).expect(t, http.StatusOK).object(t)
	if num(t, conv, "inbox_id") != 2 || obj(t, conv, "platform")["inbox_name"] != "Two" {
		t.Errorf("conversation inbox = %v, platform %v", conv["inbox_id"], conv["platform"])
	}
	list := c.do(http.MethodGet, "/api/v2/accounts/contacts", nil).expect(t, http.StatusOK).object(t)
	inboxes := list["payload"].([]any)[0].(map[string]any)["contact_inboxes"].([]any)
	if len(inboxes) != 2 {
		t.Fatalf("contact_inboxes = %v", inboxes)
	}
	// A second conversation reuses the link rather than adding another.
	c.do(http.MethodPost, "/api/v2/accounts/conversations", map[string]any{"inbox_id": 2, "contact_id": contact["id"]}).expect(t, http.StatusOK)
	list = c.do(http.MethodGet, "/api/v2/accounts/contacts", nil).expect(t, http.StatusOK).object(t)
	if n := len(list["payload"].([]any)[0].(map[string]any)["contact_inboxes"].([]any)); n != 2 {
		t.Errorf("contact_inboxes after reuse = %d, want 2", n)
	}
}

func TestCreateConversationErrors(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	contact := c.createContact(map[string]any{"name": "E", "source_id": "taken"})
	other := c.createContact(map[string]any{"name": "F"})
	for name, tc := range map[string]struct {
		body   map[string]any
		status int
		want   string
	}{
		"neither contact nor source": {map[string]any{"inbox_id": 1}, 422, `{"error":"contact_id or source_id is required"}`},
		"unknown inbox":              {map[string]any{"inbox_id": 99, "contact_id": contact["id"]}, 404, `{"error":"Resource could not be found"}`},
		"missing inbox":              {map[string]any{"contact_id": contact["id"]}, 422, `{"error":"inbox_id is required"}`},
		"inbox not an id":            {map[string]any{"inbox_id": "abc", "contact_id": contact["id"]}, 422, `{"error":"inbox_id must be a positive integer"}`},
		"unknown contact":            {map[string]any{"inbox_id": 1, "contact_id": 999}, 404, `{"error":"Resource could not be found"}`},
		"unknown source":             {map[string]any{"inbox_id": 1, "source_id": "nope"}, 404, `{"error":"Resource could not be found"}`},
		"source of another contact":  {map[string]any{"inbox_id": 1, "contact_id": other["id"], "source_id": "taken"}, 422, `{"error":"source_id should be unique"}`},
	} {
		t.Run(name, func(t *testing.T) {
			c.do(http.MethodPost, "/api/v2/accounts/conversations", tc.body).expectBody(t, tc.status, tc.want)
		})
	}
}

// conversationIn returns a new conversation moved from open to status.
func conversationIn(t *testing.T, c *testClient, status string) string {
	t.Helper()
	id := itoa(c.createConversation())
	if status != "open" {
		c.do(http.MethodPost, "/api/v2/accounts/conversations/"+id+"/toggle_status", map[string]any{"status": status}).expect(t, http.StatusOK)
	}
	return id
}

func TestStatusTransitionMatrix(t *testing.T) {
	t.Parallel()
	statuses := []string{"open", "resolved", "pending", "snoozed"}
	for _, from := range statuses {
		for _, to := range statuses {
			t.Run(from+"->"+to, func(t *testing.T) {
				t.Parallel()
				s, c := newSandbox(t, Options{})
				id := conversationIn(t, c, from)
				res := c.do(http.MethodPost, "/api/v2/accounts/conversations/"+id+"/toggle_status", map[string]any{"status": to})
				before := 0
				if from != "open" {
					before = 1
				}
				switch {
				case from == "resolved" && to == "snoozed":
					res.expectBody(t, 422, `{"error":"Invalid status transition from resolved to snoozed"}`)
					assertStatus(t, s, from, before)
				case from == to:
					res.expectBody(t, 200, `{"meta":{},"payload":{"success":true,"conversation_id":`+id+`,"current_status":"`+to+`","snoozed_until":null}}`)
					assertStatus(t, s, to, before)
				default:
					res.expectBody(t, 200, `{"meta":{},"payload":{"success":true,"conversation_id":`+id+`,"current_status":"`+to+`","snoozed_until":null}}`)
					assertStatus(t, s, to, before+1)
				}
			})
		}
	}
}

// assertStatus checks the only conversation's status and change count.
func assertStatus(t *testing.T, s *Server, status string, changes int) {
	t.Helper()
	conv := s.Snapshot().Conversations[0]
	if conv.Status != status || conv.StatusChanges != changes {
		t.Errorf("conversation status %q after %d changes, want %q after %d", conv.Status, conv.StatusChanges, status, changes)
	}
}

func TestToggleStatusSnoozedUntilAndErrors(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	id := conversationIn(t, c, "open")
	path := "/api/v2/accounts/conversations/" + id + "/toggle_status"
	c.do(http.MethodPost, path, map[string]any{"status": "snoozed", "snoozed_until": 1715000000}).
		expectBody(t, 200, `{"meta":{},"payload":{"success":true,"conversation_id":1,"current_status":"snoozed","snoozed_until":1715000000}}`)
	if got := s.Snapshot().Conversations[0].SnoozedUntil; got == nil || *got != 1715000000 {
		t.Errorf("SnoozedUntil = %v", got)
	}
	c.do(http.MethodPost, path, map[string]any{"status": "open"}).
		expectBody(t, 200, `{"meta":{},"payload":{"success":true,"conversation_id":1,"current_status":"open","snoozed_until":null}}`)

	c.do(http.MethodPost, path, map[string]any{"status": "closed"}).
		expectBody(t, 422, `{"error":"Invalid status \"closed\": must be one of open, resolved, pending, snoozed"}`)
	c.do(http.MethodPost, path, map[string]any{}).expect(t, 422)
	c.do(http.MethodPost, "/api/v2/accounts/conversations/77/toggle_status", map[string]any{"status": "resolved"}).
		expectBody(t, 404, `{"error":"Resource could not be found"}`)
	c.do(http.MethodPost, "/api/v2/accounts/conversations/abc/toggle_status", map[string]any{"status": "resolved"}).expect(t, 404)
}

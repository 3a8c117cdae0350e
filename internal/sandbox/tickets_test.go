package sandbox

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

var ticketIDForm = regexp.MustCompile(`^tk_[0-9]{8}_[0-9a-f]{6}$`)

// vendorBody reads a vendor request example of internal/livedesk/testdata.
func vendorBody(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "livedesk", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// createTicket posts body and returns the new ticket's id.
func (c *testClient) createTicket(body any) string {
	c.t.Helper()
	answer := c.do(http.MethodPost, "/api/v2/accounts/tickets", body).expect(c.t, http.StatusOK).object(c.t)
	if answer["code"] != json.Number("0") || answer["message"] != "Success" {
		c.t.Fatalf("create answered %v", answer)
	}
	id, _ := obj(c.t, answer, "data")["ticket_id"].(string)
	if !ticketIDForm.MatchString(id) {
		c.t.Fatalf("ticket_id %q is not in the vendor's form tk_yyyymmdd_xxxxxx", id)
	}
	return id
}

// getTicket returns the data of a GET of the ticket.
func (c *testClient) getTicket(id string) map[string]any {
	c.t.Helper()
	answer := c.do(http.MethodGet, "/api/v2/accounts/tickets/"+id, nil).expect(c.t, http.StatusOK).object(c.t)
	return obj(c.t, answer, "data")
}

func TestTicketAnswersHaveTheVendorShape(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	contact := c.createContact(map[string]any{"name": "Zhang San", "email": "zhangsan@example.com", "phone_number": "+8613900000000"})
	body := map[string]any{
		"title": "Printer paper jam", "description": "A4 jam", "attachments": []any{map[string]any{"file_url": "https://example.com/files/error.jpg"}},
		"requester": map[string]any{"euid": "contact_" + contact["id"].(json.Number).String(), "channel_contacts": map[string]any{
			"channel_id": "inbox_100", "contact_id": "-1001234567890", "sub_contact_id": "23232323",
			"followers": []any{map[string]any{"id": "u_12345", "name": "Agent Li"}},
		}},
		"submitter": map[string]any{"id": "u_99999"}, "assignment_team": "IT Support", "priority": "high", "ticket_type": "incident",
		"custom_fields": map[string]any{"device_sn": "PRN-2024-001"},
	}
	id := c.createTicket(body)
	if _, err := s.AddTicketMessage(id, TicketMessage{SenderID: "u_12345", SenderType: "internal_member", SenderName: "Agent Li", Content: "Received."}); err != nil {
		t.Fatal(err)
	}
	data := c.getTicket(id)

	// Beyond the published cut of the example: status_changes, and the
	// tags that update sets.
	if data["tags"] == nil || data["status_changes"] == nil {
		t.Errorf("tags %v, status_changes %v: want both lists", data["tags"], data["status_changes"])
	}
	delete(data, "tags")
	delete(data, "status_changes")
	example := vendorExample(t, "get_ticket_response.en.json")
	for _, d := range sameShape("$", obj(t, example, "data"), data, nil) {
		t.Error(d)
	}
	requester := obj(t, data, "requester")
	if requester["name"] != "Zhang San" || requester["email"] != "zhangsan@example.com" || requester["phone"] != "+8613900000000" {
		t.Errorf("requester = %v, want the sandbox contact's details", requester)
	}
	if followers := obj(t, requester, "channel_contacts")["followers"]; !jsonEqual(followers, []any{"u_12345"}) {
		t.Errorf("followers = %v, want the ids alone", followers)
	}
	if team := obj(t, data, "assignment_team"); num(t, team, "id") != 5 || team["name"] != "IT Support" {
		t.Errorf("assignment_team = %v", team)
	}
	msg := data["conversation_list"].([]any)[0].(map[string]any)
	if !regexp.MustCompile(`^msg_[0-9]{8}_001$`).MatchString(msg["message_id"].(string)) ||
		!regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`).MatchString(msg["sent_at"].(string)) {
		t.Errorf("conversation_list[0] = %v", msg)
	}
}

func TestTicketCreateAcceptsTheVendorExampleAndIDsIncrease(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	first := c.createTicket(vendorBody(t, "create_ticket_request.en.json"))
	second := c.createTicket(map[string]any{"title": "second"})
	if first >= second {
		t.Errorf("ids %s then %s do not increase", first, second)
	}
	st := s.Snapshot()
	if len(st.Tickets) != 2 || st.Tickets[0].ID != first || st.Tickets[0].AssignmentTeam != "IT Support" ||
		st.Tickets[0].Followers[0] != (TicketFollower{ID: "7562646527", Name: "Zhang San"}) || st.Tickets[0].CustomFields["location"] == "" {
		t.Errorf("tickets = %+v", st.Tickets)
	}
	if st.Requests["POST /api/v2/accounts/tickets"] != 2 {
		t.Errorf("requests = %v", st.Requests)
	}
}

func TestTicketUpdateReplacesTheDocumentedFields(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	id := c.createTicket(vendorBody(t, "create_ticket_request.en.json"))
	path := "/api/v2/accounts/tickets/" + id

	answer := c.do(http.MethodPut, path, vendorBody(t, "update_ticket_request.en.json")).expect(t, http.StatusOK).object(t)
	if answer["code"] != json.Number("0") || obj(t, answer, "data")["ticket_id"] != id {
		t.Fatalf("update answered %v", answer)
	}
	data := c.getTicket(id)
	if data["priority"] != "normal" || !jsonEqual(data["tags"], []any{"printer", "hardware", "resolved"}) ||
		obj(t, data, "custom_fields")["resolution_note"] != "Replaced the paper feed mechanism" {
		t.Errorf("after the vendor's update: %v", data)
	}
	// Fields left out of a PUT are cleared, but the requester, submitter
	// and team, which the update page does not show, are kept.
	c.do(http.MethodPut, path, map[string]any{"title": "only", "description": ""}).expect(t, http.StatusOK)
	tk := s.Snapshot().Tickets[0]
	if tk.Title != "only" || tk.Priority != "" || tk.TicketType != "" || len(tk.Tags) != 0 || len(tk.CustomFields) != 0 || len(tk.AttachmentURLs) != 0 {
		t.Errorf("after a bare PUT: %+v", tk)
	}
	if tk.RequesterEUID != "contact_12345" || tk.SubmitterID != "u_12345" || tk.AssignmentTeam != "IT Support" || tk.Updates != 2 {
		t.Errorf("after a bare PUT: %+v", tk)
	}
}

func TestTicketRefusals(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	id := c.createTicket(map[string]any{"title": "t"})
	for _, tc := range []struct {
		name, method, path string
		body               any
		status             int
		answer             string
	}{
		{"no title", http.MethodPost, "/api/v2/accounts/tickets", map[string]any{"description": "d"}, 200, `{"code":10001,"message":"title is required","data":null}`},
		{"bad priority", http.MethodPost, "/api/v2/accounts/tickets", map[string]any{"title": "t", "priority": "asap"}, 200,
			`{"code":10001,"message":"priority \"asap\" is not one of [low normal medium high urgent]","data":null}`},
		{"unknown team", http.MethodPost, "/api/v2/accounts/tickets", map[string]any{"title": "t", "assignment_team": "Nobody"}, 200,
			`{"code":10002,"message":"assignment team \"Nobody\" does not exist","data":null}`},
		{"update without description", http.MethodPut, "/api/v2/accounts/tickets/" + id, map[string]any{"title": "t"}, 200,
			`{"code":10001,"message":"description is required","data":null}`},
		{"not JSON", http.MethodPost, "/api/v2/accounts/tickets", `{"title":`, 400, `{"code":10000,"message":"Malformed JSON body","data":null}`},
		{"wrong type", http.MethodPost, "/api/v2/accounts/tickets", `{"title":"t","tags":"x"}`, 400,
			`{"code":10000,"message":"Invalid value for tags: a JSON string is not allowed here","data":null}`},
		{"unknown id", http.MethodGet, "/api/v2/accounts/tickets/tk_20250101_ffffff", nil, 404, `{"code":40400,"message":"Ticket not found","data":null}`},
		{"update of an unknown id", http.MethodPut, "/api/v2/accounts/tickets/tk_x", map[string]any{"title": "t", "description": "d"}, 404,
			`{"code":40400,"message":"Ticket not found","data":null}`},
		{"path without /api", http.MethodGet, "/v2/accounts/tickets/" + id, nil, 404, `{"error":"No route matches GET /v2/accounts/tickets/` + id + `"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := *c
			c.t = t
			c.do(tc.method, tc.path, tc.body).expectBody(t, tc.status, tc.answer)
		})
	}
	if st := s.Snapshot(); len(st.Tickets) != 1 || st.Tickets[0].Updates != 0 {
		t.Errorf("refusals changed the tickets: %+v", st.Tickets)
	}
}

func TestTicketEditsBehindTheAPIsBack(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	id := c.createTicket(map[string]any{"title": "t", "tags": []string{"a"}})
	edited := c.do(http.MethodPatch, "/_sandbox/tickets/"+id, map[string]any{"title": "edited", "status": "resolved", "tags": []string{}, "custom_fields": map[string]string{"k": "v"}}).
		expect(t, http.StatusOK).object(t)
	if edited["title"] != "edited" || edited["status"] != "resolved" {
		t.Errorf("edit answered %v", edited)
	}
	data := c.getTicket(id)
	if data["title"] != "edited" || data["status"] != "resolved" || !jsonEqual(data["tags"], []any{}) || obj(t, data, "custom_fields")["k"] != "v" {
		t.Errorf("after the edit: %v", data)
	}
	c.do(http.MethodPost, "/_sandbox/tickets/"+id+"/messages", map[string]any{"content": "note", "is_internal": true, "sent_at": 1763531725}).expect(t, http.StatusOK)
	msg := c.getTicket(id)["conversation_list"].([]any)[0].(map[string]any)
	if msg["content"] != "note" || msg["is_internal"] != true || msg["sent_at"] != "2025-11-19T05:55:25Z" || msg["content_type"] != "text" {
		t.Errorf("message = %v", msg)
	}
	c.do(http.MethodDelete, "/_sandbox/tickets/"+id, nil).expect(t, http.StatusOK)
	c.do(http.MethodGet, "/api/v2/accounts/tickets/"+id, nil).expect(t, http.StatusNotFound)
	c.do(http.MethodPatch, "/_sandbox/tickets/"+id, map[string]any{}).expect(t, http.StatusNotFound)
	if err := s.EditTicket(id, TicketEdit{}); err == nil {
		t.Error("editing a deleted ticket succeeded")
	}
	if st := s.Snapshot(); len(st.Tickets) != 0 || st.Requests["GET /api/v2/accounts/tickets/{ticket_id}"] != 3 {
		t.Errorf("tickets %+v, requests %v", st.Tickets, st.Requests)
	}
}

func TestTicketsInTextState(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	id := c.createTicket(map[string]any{"title": "Printer", "priority": "high", "assignment_team": "IT Support"})
	text := string(c.do(http.MethodGet, "/_sandbox/state?format=text", nil).expect(t, http.StatusOK).raw)
	want := id + ` "Printer" status=open priority=high type=- requester=- team=IT Support messages=0`
	if !slices.Contains(regexp.MustCompile(`\n\s*`).Split(text, -1), want) {
		t.Errorf("text state lacks %q:\n%s", want, text)
	}
}

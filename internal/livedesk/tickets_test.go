package livedesk

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

// ticketEnvelopeOf wraps a data value in the ticket envelope with code 0.
func ticketEnvelopeOf(data string) string {
	return `{"code":0,"message":"Success","data":` + data + `}`
}

// The vendor's get-ticket example (testdata/get_ticket_response.en.json)
// is published cut off inside "status_changes", after the first
// conversation_list entry; the fixture keeps the example up to that cut.
func TestTicketGetDecodesVendorExample(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{}, respond(http.StatusOK, string(fixture(t, "get_ticket_response.en.json"))))

	tk, err := c.Tickets.Get(context.Background(), "tk_20251104_789abc")
	if err != nil {
		t.Fatal(err)
	}
	if got := api.recorded(); len(got) != 1 || got[0].Method != http.MethodGet || got[0].Path != "/api/v2/accounts/tickets/tk_20251104_789abc" {
		t.Errorf("requests = %+v, want one GET of /api/v2/accounts/tickets/tk_20251104_789abc", got)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"ticket_id", tk.ID, Text("tk_20251104_789abc")},
		{"title", tk.Title, "Printer paper jam, unable to print"},
		{"status", tk.Status, "open"},
		{"priority", tk.Priority, "high"},
		{"ticket_type", tk.TicketType, "incident"},
		{"attachments", tk.AttachmentURLs(), []string{"https://example.com/files/error.jpg"}},
		{"requester.euid", tk.Requester.EUID, Text("contact_12345")},
		{"requester.phone", tk.Requester.Phone, "+8613900000000"},
		{"channel_contacts.channel_id", tk.Requester.ChannelContacts.ChannelID, Text("inbox_100")},
		{"channel_contacts.contact_id", tk.Requester.ChannelContacts.ContactID, Text("-1001234567890")},
		{"channel_contacts.sub_contact_id", tk.Requester.ChannelContacts.SubContactID, Text("23232323")},
		// Strings on read, objects on create.
		{"followers", tk.Requester.ChannelContacts.Followers, []TicketFollower{{ID: "u_12345"}, {ID: "u_67890"}}},
		{"submitter.id", tk.Submitter.ID, Text("u_99999")},
		// An object on read, a plain name on create.
		{"assignment_team", tk.AssignmentTeam, TicketTeam{ID: 5, Name: "IT Support"}},
		{"custom_fields", tk.CustomFields, CustomAttributes{"device_sn": "PRN-2024-001"}},
		{"tags (not in the example)", tk.Tags, (*[]string)(nil)},
		{"conversation_list length", len(tk.ConversationList), 1},
	}
	for _, check := range checks {
		if !reflect.DeepEqual(check.got, check.want) {
			t.Errorf("%s = %#v, want %#v", check.name, check.got, check.want)
		}
	}
	msg := tk.ConversationList[0]
	wantSent := time.Date(2025, 11, 19, 5, 55, 25, 0, time.UTC)
	if msg.MessageID != "msg_20251104_001" || msg.Sender != (TicketSender{ID: "u_12345", Type: "internal_member", Name: "Agent Li"}) ||
		msg.ContentType != "text" || msg.IsInternal || !msg.SentAt.Equal(wantSent) || len(msg.Attachments) != 2 ||
		msg.Attachments[1] != (TicketAttachment{FileType: "application/pdf", FileURL: "https://example.com/files/report.pdf"}) {
		t.Errorf("conversation_list[0] = %+v", msg)
	}
}

// The create example's shapes (assignment_team a name, followers objects)
// decode into the same types as the read shapes.
func TestTicketCreateExampleShapesDecode(t *testing.T) {
	t.Parallel()
	var tk Ticket
	if err := json.Unmarshal(fixture(t, "create_ticket_request.en.json"), &tk); err != nil {
		t.Fatal(err)
	}
	if tk.AssignmentTeam != (TicketTeam{Name: "IT Support"}) {
		t.Errorf("assignment_team = %+v", tk.AssignmentTeam)
	}
	if want := []TicketFollower{{ID: "7562646527", Name: "Zhang San"}}; !reflect.DeepEqual(tk.Requester.ChannelContacts.Followers, want) {
		t.Errorf("followers = %+v, want %+v", tk.Requester.ChannelContacts.Followers, want)
	}
}

// exampleTicketFields is the vendor's create example in TicketFields, less
// what the provider does not send (sub_contact_id and followers).
func exampleTicketFields() TicketFields {
	return TicketFields{
		Title:       "Printer paper jam, unable to print",
		Description: "Customer reported A4 paper jammed at the output tray, needs urgent handling.",
		Attachments: &[]TicketFileURL{{FileURL: "https://example.com/files/error.jpg"}},
		Requester: &TicketRequesterFields{EUID: "contact_12345", ChannelContacts: &TicketChannelContactFields{
			ChannelID: "inbox_100", ContactID: "-1001234567890",
		}},
		Submitter:      &TicketSubmitterFields{ID: "u_12345"},
		AssignmentTeam: "IT Support",
		Priority:       "high",
		TicketType:     "incident",
		CustomFields:   &map[string]string{"device_sn": "PRN-2024-001", "location": "Beijing HQ - 3rd Floor Print Room"},
	}
}

func TestTicketCreateSendsTheVendorShapeAndUsesAWholeAnswer(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{}, respond(http.StatusOK, string(fixture(t, "get_ticket_response.en.json"))))
	tk, err := c.Tickets.Create(context.Background(), exampleTicketFields())
	if err != nil || tk.ID != "tk_20251104_789abc" {
		t.Fatalf("got %+v, %v", tk, err)
	}
	got := api.recorded()
	if len(got) != 1 || got[0].Method != http.MethodPost || got[0].Path != "/api/v2/accounts/tickets" {
		t.Fatalf("requests = %+v, want the POST alone (the answer carried the ticket)", got)
	}
	want := fixtureJSON(t, "create_ticket_request.en.json")
	contacts := want["requester"].(map[string]any)["channel_contacts"].(map[string]any)
	delete(contacts, "sub_contact_id")
	delete(contacts, "followers")
	if sent := decodeGeneric(t, got[0].Body); !reflect.DeepEqual(sent, want) {
		t.Errorf("sent %v\nwant %v", sent, want)
	}
}

func TestTicketUpdateSendsEmptyCollectionsAndRequiredDescription(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{}, respond(http.StatusOK, string(fixture(t, "get_ticket_response.en.json"))))
	_, err := c.Tickets.Update(context.Background(), "tk_1", TicketFields{Title: "t", Tags: &[]string{}, CustomFields: &map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	got := api.recorded()
	if len(got) != 1 || got[0].Method != http.MethodPut || got[0].Path != "/api/v2/accounts/tickets/tk_1" {
		t.Fatalf("requests = %+v", got)
	}
	if body := string(got[0].Body); body != `{"title":"t","description":"","custom_fields":{},"tags":[]}` {
		t.Errorf("body = %s", body)
	}
}

func TestTicketCreateAnsweredWithOnlyTheIDReadsTheTicketBack(t *testing.T) {
	t.Parallel()
	for name, data := range map[string]string{"object": `{"ticket_id":"tk_20251104_789abc"}`, "bare id": `"tk_20251104_789abc"`} {
		c, api, _ := newTestClient(t, Config{},
			respond(http.StatusOK, ticketEnvelopeOf(data)),
			respond(http.StatusOK, string(fixture(t, "get_ticket_response.en.json"))))
		tk, err := c.Tickets.Create(context.Background(), TicketFields{Title: "x"})
		if err != nil || tk.Title != "Printer paper jam, unable to print" {
			t.Fatalf("%s: got %+v, %v", name, tk, err)
		}
		got := api.recorded()
		if len(got) != 2 || got[1].Method != http.MethodGet || got[1].Path != "/api/v2/accounts/tickets/tk_20251104_789abc" {
			t.Errorf("%s: requests = %+v, want the POST then one GET of the new id", name, got)
		}
	}
}

func TestTicketReadBackFailureNamesTheCreatedTicket(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{MaxRetries: 1},
		respond(http.StatusOK, ticketEnvelopeOf(`{"ticket_id":"tk_9"}`)),
		respond(http.StatusBadGateway, `{"error":"bad gateway"}`))
	_, err := c.Tickets.Create(context.Background(), TicketFields{Title: "x"})
	var rb *ReadBackError
	if !errors.As(err, &rb) || rb.TicketID != "tk_9" || !HasStatus(err, http.StatusBadGateway) {
		t.Fatalf("err = %v, want a *ReadBackError for tk_9 wrapping the 502", err)
	}
	if n := len(api.recorded()); n != 3 {
		t.Errorf("%d requests, want the POST and the GET with its retry", n)
	}
}

func TestTicketNonZeroCodeWithStatus200IsAnAPIError(t *testing.T) {
	t.Parallel()
	body := `{"code":10002,"message":"assignment team not found","data":null}`
	for name, call := range map[string]func(*Client) error{
		"create": func(c *Client) error {
			_, err := c.Tickets.Create(context.Background(), TicketFields{Title: "x"})
			return err
		},
		"get": func(c *Client) error { _, err := c.Tickets.Get(context.Background(), "tk_1"); return err },
		"update": func(c *Client) error {
			_, err := c.Tickets.Update(context.Background(), "tk_1", TicketFields{Title: "x"})
			return err
		},
	} {
		c, api, _ := newTestClient(t, Config{MaxRetries: 4}, respond(http.StatusOK, body))
		err := call(c)
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Code != 10002 || apiErr.StatusCode != http.StatusOK {
			t.Fatalf("%s: err = %#v, want an *APIError with code 10002", name, err)
		}
		if msg := err.Error(); !strings.Contains(msg, "code 10002") || !strings.Contains(msg, "assignment team not found") {
			t.Errorf("%s: error %q does not show the code and the message", name, msg)
		}
		if MayHaveCommitted(err) {
			t.Errorf("%s: a refusal must not read as possibly committed", name)
		}
		if n := len(api.recorded()); n != 1 {
			t.Errorf("%s: %d requests, want 1 (a refusal is not retried)", name, n)
		}
	}
}

func TestTicketEnvelopeCodeOfAnErrorStatusIsKept(t *testing.T) {
	t.Parallel()
	c, _, _ := newTestClient(t, Config{}, respond(http.StatusNotFound, `{"code":40400,"message":"Ticket not found","data":null}`))
	_, err := c.Tickets.Get(context.Background(), "tk_gone")
	var apiErr *APIError
	if !IsNotFound(err) || !errors.As(err, &apiErr) || apiErr.Code != 40400 || !strings.Contains(err.Error(), "Ticket not found") {
		t.Errorf("err = %v, want a 404 with code 40400 and the message", err)
	}
}

func TestTicketCreateWithoutAnIDMayHaveCommitted(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"no data":    `{"code":0,"message":"Success"}`,
		"empty data": ticketEnvelopeOf(`{}`),
		"bad data":   ticketEnvelopeOf(`{"ticket_id":{"x":1}}`),
		"not JSON":   `<html>ok</html>`,
		"empty body": ``,
	} {
		c, api, _ := newTestClient(t, Config{MaxRetries: 4}, respond(http.StatusOK, body))
		_, err := c.Tickets.Create(context.Background(), TicketFields{Title: "x"})
		var answer *AnswerError
		if !errors.As(err, &answer) || !MayHaveCommitted(err) {
			t.Errorf("%s: err = %v, want an *AnswerError that may have committed", name, err)
		}
		if n := len(api.recorded()); n != 1 {
			t.Errorf("%s: %d requests, want 1", name, n)
		}
	}
}

func TestTicketCreateIsNotRetriedAfterAServerErrorButUpdateIs(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{MaxRetries: 4}, respond(http.StatusServiceUnavailable, `{"code":503,"message":"down"}`))
	if _, err := c.Tickets.Create(context.Background(), TicketFields{Title: "x"}); !MayHaveCommitted(err) {
		t.Errorf("create: err = %v, want one that may have committed", err)
	}
	if n := len(api.recorded()); n != 1 {
		t.Errorf("create: %d requests, want 1", n)
	}
	c, api, _ = newTestClient(t, Config{MaxRetries: 4},
		respond(http.StatusServiceUnavailable, `{"code":503,"message":"down"}`),
		respond(http.StatusOK, ticketEnvelopeOf(`null`)),
		respond(http.StatusOK, string(fixture(t, "get_ticket_response.en.json"))))
	tk, err := c.Tickets.Update(context.Background(), "tk_20251104_789abc", TicketFields{Title: "x"})
	if err != nil || tk.ID != "tk_20251104_789abc" {
		t.Fatalf("update: got %+v, %v", tk, err)
	}
	methods := []string{}
	for _, r := range api.recorded() {
		methods = append(methods, r.Method)
	}
	if strings.Join(methods, ",") != "PUT,PUT,GET" {
		t.Errorf("update requests = %v, want PUT, PUT (retried), GET (the answer had no ticket)", methods)
	}
}

func TestTicketTolerantTypes(t *testing.T) {
	t.Parallel()
	var tk Ticket
	data := `{"ticket_id":12345,"assignment_team":null,"submitter":{"id":99},"requester":{"euid":null,"channel_contacts":{"contact_id":-1001234567890,"followers":[7,"u_1",{"id":8,"name":"N"}]}},` +
		`"tags":["a"],"custom_fields":{"n":1,"b":true},"conversation_list":[{"message_id":1,"sent_at":1763531725,"sender":null}]}`
	if err := json.Unmarshal([]byte(data), &tk); err != nil {
		t.Fatal(err)
	}
	if tk.ID != "12345" || tk.AssignmentTeam != (TicketTeam{}) || tk.Submitter.ID != "99" || tk.Requester.ChannelContacts.ContactID != "-1001234567890" {
		t.Errorf("decoded %+v", tk)
	}
	if want := []TicketFollower{{ID: "7"}, {ID: "u_1"}, {ID: "8", Name: "N"}}; !reflect.DeepEqual(tk.Requester.ChannelContacts.Followers, want) {
		t.Errorf("followers = %+v", tk.Requester.ChannelContacts.Followers)
	}
	if !reflect.DeepEqual(tk.TagList(), []string{"a"}) || tk.CustomFields["n"] != "1" || tk.ConversationList[0].SentAt.Unix() != 1763531725 {
		t.Errorf("decoded %+v", tk)
	}
}

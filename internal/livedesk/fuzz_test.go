package livedesk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Fuzz targets for the decoding of every answer the client reads. Each
// feeds arbitrary bytes to the client as an API answer, through the same
// path as a real response (Client.do, with no network), and checks that
// nothing panics and that every ID decoded survives a round trip through
// its JSON encoding. `go test` runs the seeds; `go test -run='^$'
// -fuzz='^FuzzName$'` explores further.

// quirkyConversations, quirkyMessages and quirkyContacts are variants the
// API's documentation allows for: IDs as numeric strings or floats, float
// and ISO timestamps, nulls, message types as names.
var (
	quirkyConversations = []string{
		`{"id":"40","account_id":"17623000010928","inbox_id":407.0,"status":"open","meta":{"sender":{"id":"2219256","email":null}},"created_at":"2026-01-21T03:26:49.012Z","updated_at":1766572062.5803902}`,
		`{"id":40,"account_id":null,"inbox_id":null,"meta":null,"labels":null,"snoozed_until":"1766572062","created_at":0}`,
		`{"id":-1,"meta":{"sender":{"id":9223372036854775807,"custom_attributes":{"n":1,"b":true,"s":"x","z":null}}}}`,
		`{}`, `null`, ``,
	}
	quirkyMessages = []string{
		`{"id":"3030","inbox_id":"79","conversation_id":141.0,"message_type":"outgoing","created_at":1762331029.25,"sorting_id":null,"sender":{"id":"3","type":"user"},"content_attributes":{"in_reply_to":"29"}}`,
		`{"id":1,"message_type":"1","content_attributes":null,"attachments":[{"id":"199","message_id":1,"account_id":"14","file_size":589136.0,"width":null,"height":"48"}]}`,
		`{"id":2,"message_type":7,"created_at":"2025-11-05T08:23:49Z","sender":null,"attachments":null}`,
	}
	quirkyContacts = []string{
		`{"payload":{"contact":{"id":"2219259","email":null,"created_at":1766571624.5,"last_activity_at":null,"contact_inboxes":[{"source_id":"abc","inbox":{"id":"407"}}]},"contact_inbox":{"inbox":{"id":407},"source_id":"abc"}}}`,
		`{"payload":{"contact":{"id":7,"custom_attributes":null,"contact_inboxes":[{"source_id":"s","inbox":null}]},"contact_inbox":null}}`,
		`{"payload":null}`,
	}
	quirkyLists = []string{
		`{"meta":{"count":1,"current_page":"1"},"payload":[{"id":318763,"name":"support","email":"support@jiguang.cn","phone_number":null}]}`,
		`{"meta":{"count":"32","current_page":2},"payload":[{"id":"16"},{"id":17.0,"custom_attributes":{"tier":"gold"}}]}`,
		`{"meta":null,"payload":null}`,
	}
)

// cannedAPI is a client whose every request is answered, by an in-memory
// transport, with the status and body last given to answer. It never
// retries. A fuzz target makes one and calls answer once per input: the
// inputs of a fuzzing process run one after another.
type cannedAPI struct {
	*Client
	status int
	body   []byte
}

// newCannedAPI returns a cannedAPI answering 200 with an empty body.
func newCannedAPI(t testing.TB) *cannedAPI {
	t.Helper()
	api := &cannedAPI{status: http.StatusOK}
	c, err := New(Config{APIKey: testKey, APISecret: testSecret, HTTPClient: &http.Client{
		Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			return &http.Response{
				StatusCode: api.status,
				Header:     http.Header{"Content-Type": {"application/json"}},
				Body:       io.NopCloser(bytes.NewReader(api.body)),
				Request:    r,
			}, nil
		}),
	}})
	if err != nil {
		t.Fatal(err)
	}
	api.Client = c
	return api
}

// answer sets the status and body of the next answers and returns the client.
func (a *cannedAPI) answer(status int, body []byte) *Client {
	a.status, a.body = status, body
	return a.Client
}

// addFixtures adds the named vendor examples from testdata and the given
// variants to the seed corpus.
func addFixtures(f *testing.F, names []string, variants []string) {
	f.Helper()
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, v := range variants {
		f.Add([]byte(v))
	}
}

// requireDecodeError fails unless err is the client's decoding error: an
// answer that does not fit is reported, never half-used.
func requireDecodeError(t *testing.T, err error) {
	t.Helper()
	var answer *AnswerError
	if !errors.As(err, &answer) {
		t.Fatalf("a 200 answer failed with %v, want an *AnswerError", err)
	}
	if answer.Create != MayHaveCommitted(err) {
		t.Fatalf("create %v but MayHaveCommitted %v for %v", answer.Create, MayHaveCommitted(err), err)
	}
}

// requireIDsRoundTrip checks that decoded IDs encode as JSON numbers and
// decode again to the same values.
func requireIDsRoundTrip(t *testing.T, ids map[string]Int64) {
	t.Helper()
	data, err := json.Marshal(ids)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	for name, value := range raw {
		if len(value) == 0 || !strings.ContainsRune("-0123456789", rune(value[0])) {
			t.Errorf("%s encoded as %s, want a JSON number", name, value)
		}
	}
	var back map[string]Int64
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatalf("decoding %s: %v", data, err)
	}
	for name, id := range ids {
		if back[name] != id {
			t.Errorf("%s = %d, after a round trip %d", name, id, back[name])
		}
	}
}

// plainInteger is an integer literal, bare or quoted, with nothing else.
var plainInteger = regexp.MustCompile(`^"?(-?[0-9]+)"?$`)

// requireTopLevelID checks the decoded id against the body's own "id"
// field when that is a plain integer, bare or quoted: the decoder must
// read exactly that value. Bodies with several keys that JSON decoding
// would take for "id" (it ignores case) are left to the round trip.
func requireTopLevelID(t *testing.T, body []byte, got Int64) {
	t.Helper()
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) != nil {
		return
	}
	var raw json.RawMessage
	for key, value := range fields {
		if strings.EqualFold(key, "id") {
			if key != "id" || raw != nil {
				return
			}
			raw = value
		}
	}
	m := plainInteger.FindSubmatch(raw)
	if m == nil || (raw[0] == '"') != (raw[len(raw)-1] == '"') {
		return
	}
	want, err := strconv.ParseInt(string(m[1]), 10, 64)
	if err == nil && int64(got) != want {
		t.Errorf("id %s decoded as %d", raw, got)
	}
}

// contactIDs returns a contact's IDs, named under prefix.
func contactIDs(ids map[string]Int64, prefix string, c Contact) {
	ids[prefix+".id"] = c.ID
	for i, ci := range c.ContactInboxes {
		if ci.Inbox != nil {
			ids[prefix+".contact_inboxes["+strconv.Itoa(i)+"].inbox.id"] = ci.Inbox.ID
		}
	}
}

func FuzzConversationDecode(f *testing.F) {
	addFixtures(f, []string{"create_conversation_response.th.json"}, quirkyConversations)
	api := newCannedAPI(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		conv, err := api.answer(http.StatusOK, body).Conversations.Create(context.Background(), CreateConversationRequest{InboxID: 1, ContactID: 1})
		if err != nil {
			requireDecodeError(t, err)
			return
		}
		requireTopLevelID(t, body, conv.ID)
		ids := map[string]Int64{"id": conv.ID, "account_id": conv.AccountID, "inbox_id": conv.InboxID, "meta.sender.id": conv.Meta.Sender.ID}
		requireIDsRoundTrip(t, ids)
	})
}

func FuzzMessageDecode(f *testing.F) {
	addFixtures(f, []string{"send_message_text_response.ja.json", "send_message_file_response.ja.json"}, quirkyMessages)
	api := newCannedAPI(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		msg, err := api.answer(http.StatusOK, body).Messages.Create(context.Background(), 1, CreateMessageRequest{Content: "x"})
		if err != nil {
			requireDecodeError(t, err)
			return
		}
		requireTopLevelID(t, body, msg.ID)
		ids := map[string]Int64{
			"id": msg.ID, "conversation_id": msg.ConversationID, "sender.id": msg.Sender.ID,
		}
		for i, a := range msg.Attachments {
			prefix := "attachments[" + strconv.Itoa(i) + "]."
			ids[prefix+"id"], ids[prefix+"message_id"], ids[prefix+"account_id"], ids[prefix+"file_size"] = a.ID, a.MessageID, a.AccountID, a.FileSize
			for name, v := range map[string]*Int64{"width": a.Width, "height": a.Height} {
				if v != nil {
					ids[prefix+name] = *v
				}
			}
		}
		requireIDsRoundTrip(t, ids)
	})
}

func FuzzContactDecode(f *testing.F) {
	addFixtures(f, nil, append([]string{createContactAnswer}, quirkyContacts...))
	api := newCannedAPI(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		created, err := api.answer(http.StatusOK, body).Contacts.Create(context.Background(), CreateContactRequest{InboxID: 407})
		if err != nil {
			requireDecodeError(t, err)
			return
		}
		ids := map[string]Int64{}
		contactIDs(ids, "payload.contact", created.Contact)
		requireIDsRoundTrip(t, ids)
		if created.SourceID == "" && created.Contact.SourceIDFor(407) != "" {
			t.Errorf("source_id left empty although contact_inboxes has one for inbox 407")
		}
	})
}

func FuzzContactListDecode(f *testing.F) {
	addFixtures(f, nil, quirkyLists)
	api := newCannedAPI(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		list, err := api.answer(http.StatusOK, body).Contacts.List(context.Background(), ListContactsOptions{})
		if err != nil {
			requireDecodeError(t, err)
			return
		}
		ids := map[string]Int64{"meta.count": Int64(list.Count), "meta.current_page": Int64(list.Page)}
		for i, c := range list.Contacts {
			contactIDs(ids, "payload["+strconv.Itoa(i)+"]", c)
		}
		requireIDsRoundTrip(t, ids)
	})
}

// FuzzErrorMessage feeds arbitrary error bodies to the client and checks
// that the error names the status, method and path and carries the
// message errorMessage extracts; and that a message put into the "error"
// or "message" field of a JSON body is what comes out.
func FuzzErrorMessage(f *testing.F) {
	for _, seed := range []struct {
		status int
		body   string
		text   string
	}{
		{404, `{"error":"Resource could not be found"}`, "Resource could not be found"},
		{422, `{"message":"Email has already been taken","attributes":["email"]}`, "Email has already been taken"},
		{422, `{"errors":[{"field":"email","message":"is invalid"},{"field":"name","message":"is too long"}]}`, ""},
		{401, `{"error":{"code":401,"reason":"bad key"}}`, " padded "},
		{500, `Internal Server Error`, "\u00e9\xff"},
		{429, ``, "Too many requests"},
	} {
		f.Add(seed.status, []byte(seed.body), seed.text)
	}
	api := newCannedAPI(f)
	f.Fuzz(func(t *testing.T, status int, body []byte, text string) {
		if status < 400 || status > 599 {
			status = 400 + (status%200+200)%200
		}
		_, err := api.answer(status, body).Contacts.Update(context.Background(), 7, ContactFields{})
		var apiErr *APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("status %d answered %v, want an *APIError", status, err)
		}
		msg := apiErr.Error()
		if apiErr.StatusCode != status || !strings.Contains(msg, "PATCH /api/v2/accounts/contacts/7 answered "+strconv.Itoa(status)) {
			t.Errorf("error %q does not name status %d and the request", msg, status)
		}
		if want := errorMessage(body[:min(len(body), maxErrorBody)]); apiErr.Message != want || !strings.HasSuffix(msg, want) {
			t.Errorf("message %q, error %q, want the extracted %q", apiErr.Message, msg, want)
		}

		encoded, err := json.Marshal(text) // invalid UTF-8 becomes U+FFFD
		if err != nil {
			t.Fatal(err)
		}
		var sent string
		if err := json.Unmarshal(encoded, &sent); err != nil {
			t.Fatal(err)
		}
		if sent = strings.TrimSpace(sent); sent == "" {
			return
		}
		for body, want := range map[string]string{
			`{"error":` + string(encoded) + `}`:                              sent,
			`{"message":` + string(encoded) + `,"attributes":["email"]}`:     sent + " (email)",
			`{"error":null,"message":` + string(encoded) + `,"errors":[{}]}`: sent,
		} {
			if got := errorMessage([]byte(body)); got != want {
				t.Errorf("errorMessage(%s) = %q, want %q", body, got, want)
			}
		}
	})
}

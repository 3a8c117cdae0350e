package sandbox

import (
	"bytes"
	"cmp"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// Fuzz targets for the sandbox's request parsing: JSON bodies whose IDs may
// be numbers or strings, multipart message bodies and contact bodies. Each
// input goes through the exported http.Handler of a fresh sandbox with no
// faults. Whatever the input, the answer is 2xx or 4xx, never 5xx; a 200
// names, by an ID that is a JSON number, an object the sandbox now holds.

// fuzzInbox is the inbox of the vendor's examples, so that they succeed.
const fuzzInbox = 407

// fuzzBoundary is the multipart boundary of FuzzSendMessageMultipart.
const fuzzBoundary = "livedesk-fuzz-boundary"

// fuzzTarget is a fresh sandbox with one contact and one conversation.
type fuzzTarget struct {
	server         *Server
	contactID      int64
	sourceID       string
	conversationID int64
}

// newFuzzTarget returns a sandbox holding inbox 407, a contact in it and a
// conversation with that contact.
func newFuzzTarget(t *testing.T) fuzzTarget {
	t.Helper()
	s := New(Options{Inboxes: []Inbox{{ID: fuzzInbox, Name: "JennyApi"}}})
	contact, err := s.AddContact(ContactInput{Name: "Fuzz", SourceID: "123456789"})
	if err != nil {
		t.Fatal(err)
	}
	ft := fuzzTarget{server: s, contactID: contact.ID, sourceID: contact.SourceID}
	res := ft.send(t, http.MethodPost, "/api/v2/accounts/conversations", "application/json",
		[]byte(`{"inbox_id":407,"contact_id":`+itoa(contact.ID)+`}`))
	ft.conversationID = requireCreated(t, res)
	return ft
}

// send serves one authenticated request and checks that its answer is not
// a server error.
func (ft fuzzTarget) send(t *testing.T, method, path, contentType string, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	req.SetBasicAuth(DefaultAPIKey, DefaultAPISecret)
	rec := httptest.NewRecorder()
	ft.server.ServeHTTP(rec, req)
	if rec.Code >= 500 || rec.Code < 200 {
		t.Fatalf("%s %s answered %d with no fault configured: %s\nbody sent: %q", method, path, rec.Code, rec.Body, body)
	}
	if !json.Valid(rec.Body.Bytes()) {
		t.Fatalf("%s %s answered %d with a body that is not JSON: %q", method, path, rec.Code, rec.Body)
	}
	return rec
}

// requireCreated returns the id of a 200 answer's object (or of the
// "payload.contact" of a contact creation), which must be a JSON number.
func requireCreated(t *testing.T, res *httptest.ResponseRecorder) int64 {
	t.Helper()
	if res.Code != http.StatusOK {
		t.Fatalf("answered %d: %s", res.Code, res.Body)
	}
	var answer struct {
		ID      json.RawMessage `json:"id"`
		Payload struct {
			ID      json.RawMessage `json:"id"` // contact update
			Contact struct {
				ID json.RawMessage `json:"id"`
			} `json:"contact"` // contact create
		} `json:"payload"`
	}
	if err := json.Unmarshal(res.Body.Bytes(), &answer); err != nil {
		t.Fatal(err)
	}
	raw := cmp.Or(string(answer.ID), string(answer.Payload.ID), string(answer.Payload.Contact.ID))
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		t.Fatalf("id %s is not a positive JSON integer: %s", raw, res.Body)
	}
	return id
}

// vendorRequest reads a vendor request example (JSON with // comments)
// from internal/livedesk/testdata, without its comments.
func vendorRequest(f *testing.F, name string) []byte {
	f.Helper()
	data, err := os.ReadFile(filepath.Join("..", "livedesk", "testdata", name))
	if err != nil {
		f.Fatal(err)
	}
	data = regexp.MustCompile(`(?m)//[^"\n]*$`).ReplaceAll(data, nil)
	if !json.Valid(data) {
		f.Fatalf("%s is not JSON once its comments are removed: %s", name, data)
	}
	return data
}

// addSeeds adds byte-slice seeds given as strings.
func addSeeds(f *testing.F, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
}

func FuzzCreateConversationRequest(f *testing.F) {
	f.Add(vendorRequest(f, "create_conversation_request.th.jsonc"))
	addSeeds(f,
		`{"inbox_id":407,"contact_id":1}`, `{"inbox_id":"407","contact_id":"1"}`, `{"inbox_id":407,"source_id":"123456789"}`,
		`{"inbox_id":407.0,"contact_id":1e0}`, `{"inbox_id":null,"contact_id":null}`, `{"inbox_id":407,"contact_id":-1}`,
		`{"inbox_id":"","source_id":null}`, `[]`, `null`, ``, `{"inbox_id":407,"contact_id":{"id":1}}`,
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		ft := newFuzzTarget(t)
		res := ft.send(t, http.MethodPost, "/api/v2/accounts/conversations", "application/json", body)
		if res.Code != http.StatusOK {
			return
		}
		id := requireCreated(t, res)
		st := ft.server.Snapshot()
		if len(st.Conversations) != 2 || st.Conversations[1].ID != id || st.Conversations[1].InboxID != fuzzInbox || st.Conversations[1].ContactID != ft.contactID {
			t.Fatalf("answered conversation %d, the sandbox holds %+v", id, st.Conversations)
		}
	})
}

// requireStoredMessage checks that a 200 answer to a send names a message
// of the target's conversation that the sandbox holds, with the answer's
// content and number of attachments.
func requireStoredMessage(t *testing.T, ft fuzzTarget, res *httptest.ResponseRecorder) {
	t.Helper()
	id := requireCreated(t, res)
	var answer struct {
		Content     string            `json:"content"`
		Attachments []json.RawMessage `json:"attachments"`
	}
	if err := json.Unmarshal(res.Body.Bytes(), &answer); err != nil {
		t.Fatal(err)
	}
	st := ft.server.Snapshot()
	if len(st.Messages) != 1 {
		t.Fatalf("answered message %d, the sandbox holds %+v", id, st.Messages)
	}
	m := st.Messages[0]
	if m.ID != id || m.ConversationID != ft.conversationID || asRendered(t, m.Content) != answer.Content || len(m.Attachments) != len(answer.Attachments) {
		t.Fatalf("answered message %d %q with %d attachments, the sandbox holds %+v", id, answer.Content, len(answer.Attachments), m)
	}
}

// asRendered returns s as a JSON answer carries it. Multipart text fields
// are stored as received, even when they are not UTF-8, and JSON encoding
// replaces each invalid byte with U+FFFD.
func asRendered(t *testing.T, s string) string {
	t.Helper()
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var out string
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func FuzzSendMessageJSON(f *testing.F) {
	f.Add(vendorRequest(f, "send_message_text_request.ja.jsonc"))
	addSeeds(f,
		`{"content":"hi"}`, `{"content":"hi","private":true,"content_attributes":{"in_reply_to":"29"}}`,
		`{"content":"hi","content_attributes":{"in_reply_to":null}}`, `{"content":"hi","content_attributes":{"in_reply_to":29.5}}`,
		`{"content":"","private":"yes"}`, `{"content":null,"content_attributes":[]}`, `"hi"`, ``,
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		ft := newFuzzTarget(t)
		res := ft.send(t, http.MethodPost, "/api/v2/accounts/conversations/"+itoa(ft.conversationID)+"/messages", "application/json", body)
		if res.Code == http.StatusOK {
			requireStoredMessage(t, ft, res)
		}
	})
}

// multipartSeed encodes fields and one file per name in files as a
// multipart body with fuzzBoundary.
func multipartSeed(f *testing.F, fields map[string]string, files map[string][]byte) []byte {
	f.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if err := w.SetBoundary(fuzzBoundary); err != nil {
		f.Fatal(err)
	}
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			f.Fatal(err)
		}
	}
	for name, data := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="attachments[]"; filename="`+name+`"`)
		part, err := w.CreatePart(h)
		if err != nil {
			f.Fatal(err)
		}
		_, _ = part.Write(data)
	}
	if err := w.Close(); err != nil {
		f.Fatal(err)
	}
	return buf.Bytes()
}

func FuzzSendMessageMultipart(f *testing.F) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	f.Add(multipartSeed(f, map[string]string{"content": "詳細画像は以下の通り"}, map[string][]byte{"android-icon-48x48.png": png}))
	f.Add(multipartSeed(f, map[string]string{"content": "note", "private": "true", "content_attributes": `{"in_reply_to":29}`}, map[string][]byte{"a.txt": []byte("a"), "b.pdf": []byte("%PDF-1.4")}))
	f.Add(multipartSeed(f, map[string]string{"private": "maybe", "content_attributes": `{"in_reply_to":"x"}`}, nil))
	f.Add(multipartSeed(f, nil, map[string][]byte{"": nil}))
	addSeeds(f, "--"+fuzzBoundary+"\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\nunterminated", "")
	f.Fuzz(func(t *testing.T, body []byte) {
		ft := newFuzzTarget(t)
		res := ft.send(t, http.MethodPost, "/api/v2/accounts/conversations/"+itoa(ft.conversationID)+"/messages",
			"multipart/form-data; boundary="+fuzzBoundary, body)
		if res.Code == http.StatusOK {
			requireStoredMessage(t, ft, res)
		}
	})
}

func FuzzContactRequest(f *testing.F) {
	for _, body := range []string{
		`{"inbox_id":407,"name":"Test","email":"alice@acme.inc","custom_attributes":{"tier":"gold"}}`,
		`{"inbox_id":"407","name":"Test","phone_number":"+6590000000","identifier":"ext-1","source_id":"src-2"}`,
		`{"inbox_id":407,"email":null,"custom_attributes":null}`, `{"inbox_id":407,"source_id":"123456789"}`,
		`{"inbox_id":407,"custom_attributes":{"n":1}}`, `{"name":"no inbox"}`, `{"email":"FUZZ@EXAMPLE.COM"}`, `{}`, ``,
	} {
		f.Add([]byte(body), false)
		f.Add([]byte(body), true)
	}
	f.Fuzz(func(t *testing.T, body []byte, patch bool) {
		ft := newFuzzTarget(t)
		method, path, want := http.MethodPost, "/api/v2/accounts/contacts", 2
		if patch {
			method, path, want = http.MethodPatch, "/api/v2/accounts/contacts/"+itoa(ft.contactID), 1
		}
		res := ft.send(t, method, path, "application/json", body)
		if res.Code != http.StatusOK {
			return
		}
		id := requireCreated(t, res)
		st := ft.server.Snapshot()
		if len(st.Contacts) != want || st.Contacts[want-1].ID != id {
			t.Fatalf("%s answered contact %d, the sandbox holds %+v", method, id, st.Contacts)
		}
	})
}

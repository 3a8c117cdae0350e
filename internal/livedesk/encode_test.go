package livedesk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

func TestConversationCreateSendsTheVendorExampleBody(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{}, respond(http.StatusOK, `{"id":1}`))
	if _, err := c.Conversations.Create(context.Background(), CreateConversationRequest{InboxID: 407, ContactID: 2219256, SourceID: "123456789"}); err != nil {
		t.Fatal(err)
	}
	req := api.recorded()[0]
	if req.Method != http.MethodPost || req.Path != "/api/v2/accounts/conversations" || req.ContentType != "application/json" {
		t.Fatalf("sent %s %s (%s)", req.Method, req.Path, req.ContentType)
	}
	// The vendor example sends inbox_id and contact_id as JSON numbers and
	// source_id as a string; a generic decode keeps those kinds.
	if got, want := decodeGeneric(t, req.Body), fixtureJSON(t, "create_conversation_request.th.jsonc"); !reflect.DeepEqual(got, want) {
		t.Errorf("body = %v, want the vendor example %v", got, want)
	}
}

func TestConversationCreateOmitsUnsetIdentifiers(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{}, respond(http.StatusOK, `{"id":1}`))
	if _, err := c.Conversations.Create(context.Background(), CreateConversationRequest{InboxID: 407, SourceID: "abc"}); err != nil {
		t.Fatal(err)
	}
	if got := string(api.recorded()[0].Body); got != `{"inbox_id":407,"source_id":"abc"}` {
		t.Errorf("body = %s", got)
	}
}

func TestToggleStatusSendsStatusAndDecodesPayload(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{}, respond(http.StatusOK, `{"meta":{},"payload":{"success":true,"conversation_id":40,"current_status":"resolved","snoozed_until":null}}`))
	res, err := c.Conversations.ToggleStatus(context.Background(), 40, StatusResolved)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Success || res.ConversationID != 40 || res.CurrentStatus != "resolved" {
		t.Errorf("result = %+v", res)
	}
	req := api.recorded()[0]
	if req.Path != "/api/v2/accounts/conversations/40/toggle_status" || string(req.Body) != `{"status":"resolved"}` {
		t.Errorf("sent %s %s", req.Path, req.Body)
	}
}

func TestTextMessageSendsTheVendorExampleBody(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{}, respond(http.StatusOK, `{"id":1}`))
	_, err := c.Messages.Create(context.Background(), 141, CreateMessageRequest{Content: "エージェントからのメッセージ送信、正常ですか", InReplyTo: 29})
	if err != nil {
		t.Fatal(err)
	}
	req := api.recorded()[0]
	if req.Path != "/api/v2/accounts/conversations/141/messages" || req.ContentType != "application/json" {
		t.Fatalf("sent %s (%s)", req.Path, req.ContentType)
	}
	if got, want := decodeGeneric(t, req.Body), fixtureJSON(t, "send_message_text_request.ja.jsonc"); !reflect.DeepEqual(got, want) {
		t.Errorf("body = %v, want the vendor example %v", got, want)
	}
}

func TestPrivateMessageWithoutReplyOmitsContentAttributes(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{}, respond(http.StatusOK, `{"id":1}`))
	if _, err := c.Messages.Create(context.Background(), 5, CreateMessageRequest{Content: "note", Private: true}); err != nil {
		t.Fatal(err)
	}
	if got := string(api.recorded()[0].Body); got != `{"content":"note","private":true}` {
		t.Errorf("body = %s", got)
	}
}

func TestFileMessageSendsDocumentedMultipartParts(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{}, respond(http.StatusOK, `{"id":1}`))
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 3000)...)
	files := []sentFile{{Name: "android-icon-48x48.png", Data: png}, {Name: "notes", Data: []byte("plain words")}}
	_, err := c.Messages.Create(context.Background(), 141, CreateMessageRequest{
		Content: "詳細画像は以下の通り", Private: true, InReplyTo: 3030,
		Files: []File{bytesFile(files[0].Name, files[0].Data), bytesFile(files[1].Name, files[1].Data)},
	})
	if err != nil {
		t.Fatal(err)
	}
	req := api.recorded()[0]
	mediaType, params, err := mime.ParseMediaType(req.ContentType)
	if err != nil || mediaType != "multipart/form-data" {
		t.Fatalf("content type %q: %v", req.ContentType, err)
	}
	fields, got, types := readMultipart(t, req.Body, params["boundary"])
	wantFields := map[string]string{"content": "詳細画像は以下の通り", "private": "true", "content_attributes": `{"in_reply_to":3030}`}
	if !reflect.DeepEqual(fields, wantFields) {
		t.Errorf("fields = %v, want %v", fields, wantFields)
	}
	if !reflect.DeepEqual(got, files) {
		t.Errorf("files differ: got %d files", len(got))
	}
	if types[0] != "image/png" || !strings.HasPrefix(types[1], "text/plain") {
		t.Errorf("part types = %v", types)
	}
	var attrs map[string]any
	if err := json.Unmarshal([]byte(fields["content_attributes"]), &attrs); err != nil || attrs["in_reply_to"] != float64(3030) {
		t.Errorf("content_attributes carries %v (%v), want the number 3030", attrs, err)
	}
}

func TestRequestsCarryBasicAuthAndUserAgent(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{UserAgent: "terraform-provider-livedesk/1.2.3 Terraform/1.5.7"}, respond(http.StatusOK, `{"id":1}`))
	if _, err := c.Conversations.Create(context.Background(), CreateConversationRequest{InboxID: 1, ContactID: 2}); err != nil {
		t.Fatal(err)
	}
	req := api.recorded()[0]
	// base64("test-key:test-secret-do-not-print")
	if req.Auth != "Basic dGVzdC1rZXk6dGVzdC1zZWNyZXQtZG8tbm90LXByaW50" {
		t.Errorf("Authorization = %q", req.Auth)
	}
	if req.UserAgent != "terraform-provider-livedesk/1.2.3 Terraform/1.5.7" {
		t.Errorf("User-Agent = %q", req.UserAgent)
	}
}

func TestBaseURLWithPathPrefixIsKept(t *testing.T) {
	t.Parallel()
	api := &fakeAPI{handlers: []http.HandlerFunc{respond(http.StatusOK, `{"id":1}`)}}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL + "/gateway/", APIKey: testKey, APISecret: testSecret})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Conversations.Create(context.Background(), CreateConversationRequest{InboxID: 1, ContactID: 2}); err != nil {
		t.Fatal(err)
	}
	if p := api.recorded()[0].Path; p != "/gateway/api/v2/accounts/conversations" {
		t.Errorf("path = %s", p)
	}
}

func TestParseBaseURLRefusesNonHTTP(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"", "livedesk-api.engagelab.com", "ftp://x", "http://", "https://user:pw@host"} {
		if _, err := ParseBaseURL(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	for raw, shown := range map[string]string{
		"https://user:pw@host":               "https://user:xxxxx@host",
		"user:pw@host":                       "xxxxx@host",
		"ftp://user:pw@host":                 "ftp://user:xxxxx@host",
		"https://host/a@b":                   "https://xxxxx@b",
		"https://host":                       "https://host",
		"https://host/?token=t0k3n&debug":    "https://host/?token=xxxxx&xxxxx",
		"https://host/p#s3cr3t":              "https://host/p#xxxxx",
		"https://user:pw@host/?key=k3y#frag": "https://user:xxxxx@host/?key=xxxxx#xxxxx",
		"livedesk.example/?a=b@c":            "livedesk.example/?a=xxxxx",
		"https://host/#":                     "https://host/#",
	} {
		if got := RedactURL(raw); got != shown {
			t.Errorf("RedactURL(%q) = %q, want %q", raw, got, shown)
		}
		if _, err := ParseBaseURL(raw); err != nil && (strings.Contains(err.Error(), "pw") || strings.Contains(err.Error(), "t0k3n") ||
			strings.Contains(err.Error(), "k3y") || strings.Contains(err.Error(), "s3cr3t")) {
			t.Errorf("error %q shows the password", err)
		}
	}
	u, err := ParseBaseURL("https://example.test/prefix/")
	if err != nil || u.String() != "https://example.test/prefix" {
		t.Errorf("got %v, %v", u, err)
	}
}

// sentFile is a file part as the server received it.
type sentFile struct {
	Name string
	Data []byte
}

// readMultipart splits a multipart body into its text fields, its
// attachments[] files and their content types.
func readMultipart(t *testing.T, body []byte, boundary string) (map[string]string, []sentFile, []string) {
	t.Helper()
	fields := map[string]string{}
	var files []sentFile
	var types []string
	reader := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		part, err := reader.NextPart()
		if err == io.EOF {
			return fields, files, types
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(part)
		if part.FileName() != "" {
			if part.FormName() != "attachments[]" {
				t.Errorf("file part named %q, want attachments[]", part.FormName())
			}
			files = append(files, sentFile{Name: part.FileName(), Data: data})
			types = append(types, part.Header.Get("Content-Type"))
			continue
		}
		fields[part.FormName()] = string(data)
	}
}

func TestIncomingMessageSendsMessageTypeAndOutgoingLeavesItOut(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{}, respond(http.StatusOK, `{"id":1}`))
	for _, req := range []CreateMessageRequest{
		{Content: "from the customer", MessageType: MessageIncoming},
		{Content: "from the agent", MessageType: MessageOutgoing},
	} {
		if _, err := c.Messages.Create(context.Background(), 5, req); err != nil {
			t.Fatal(err)
		}
	}
	recorded := api.recorded()
	if got := string(recorded[0].Body); got != `{"content":"from the customer","message_type":"incoming","private":false}` {
		t.Errorf("incoming body = %s", got)
	}
	if got := string(recorded[1].Body); got != `{"content":"from the agent","private":false}` {
		t.Errorf("outgoing body = %s", got)
	}
}

func TestFilesWithoutContentSendNoContentPart(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{}, respond(http.StatusOK, `{"id":1}`))
	_, err := c.Messages.Create(context.Background(), 5, CreateMessageRequest{MessageType: MessageIncoming, Files: []File{bytesFile("a.txt", []byte("A"))}})
	if err != nil {
		t.Fatal(err)
	}
	req := api.recorded()[0]
	_, params, _ := mime.ParseMediaType(req.ContentType)
	fields, files, _ := readMultipart(t, req.Body, params["boundary"])
	if want := map[string]string{"message_type": "incoming", "private": "false"}; !reflect.DeepEqual(fields, want) {
		t.Errorf("fields = %v, want %v", fields, want)
	}
	if len(files) != 1 || string(files[0].Data) != "A" {
		t.Errorf("files = %+v", files)
	}
}

func TestRateLimitedFileMessageReopensTheFileAndSendsTheSameBody(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{MaxRetries: 2},
		respond(http.StatusTooManyRequests, `{"error":"slow down"}`), respond(http.StatusOK, `{"id":9}`))
	opened := 0
	file := File{Name: "a.bin", Open: func() (io.ReadCloser, error) {
		opened++
		return io.NopCloser(strings.NewReader("payload")), nil
	}}
	if _, err := c.Messages.Create(context.Background(), 5, CreateMessageRequest{Content: "x", Files: []File{file}}); err != nil {
		t.Fatal(err)
	}
	recorded := api.recorded()
	if opened != 2 || len(recorded) != 2 {
		t.Fatalf("opened %d times for %d requests, want 2 and 2", opened, len(recorded))
	}
	if !bytes.Equal(recorded[0].Body, recorded[1].Body) || recorded[0].ContentType != recorded[1].ContentType {
		t.Error("the retry sent another body than the first attempt")
	}
}

func TestUnreadableAttachmentStopsTheRequestBeforeItIsComplete(t *testing.T) {
	t.Parallel()
	changed := errors.New("changed since the plan")
	for name, open := range map[string]func() (io.ReadCloser, error){
		"read fails part way": func() (io.ReadCloser, error) {
			return io.NopCloser(io.MultiReader(bytes.NewReader(bytes.Repeat([]byte{1}, 1<<20)), iotest.ErrReader(changed))), nil
		},
		"open fails": func() (io.ReadCloser, error) { return nil, changed },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, api, sleeps := newTestClient(t, Config{MaxRetries: 3}, respond(http.StatusOK, `{"id":9}`))
			opened := 0
			file := File{Name: "big.bin", Open: func() (io.ReadCloser, error) { opened++; return open() }}
			_, err := c.Messages.Create(context.Background(), 5, CreateMessageRequest{Content: "x", Files: []File{file}})
			var attachmentErr *AttachmentError
			if !errors.As(err, &attachmentErr) || !errors.Is(err, changed) || attachmentErr.Name != "big.bin" {
				t.Fatalf("err = %v, want an *AttachmentError for big.bin wrapping the read error", err)
			}
			if MayHaveCommitted(err) {
				t.Error("a request cut off by its own body must not be reported as maybe created")
			}
			if n := len(api.recorded()); n != 0 {
				t.Errorf("the server saw %d complete requests, want none", n)
			}
			// One attempt, stopped once: the file is not opened again and
			// no retry is waited for, although max_retries allows 3.
			if opened != 1 || len(sleeps.waits) != 0 {
				t.Errorf("the file was opened %d times with %d retry waits; want 1 attempt and no retry", opened, len(sleeps.waits))
			}
		})
	}
}

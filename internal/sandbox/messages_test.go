package sandbox

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestSendTextMessage(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	a, b := itoa(c.createConversation()), itoa(c.createConversation())
	send := func(conv string, body any) map[string]any {
		return c.do(http.MethodPost, "/api/v2/accounts/conversations/"+conv+"/messages", body).expect(t, http.StatusOK).object(t)
	}
	m1 := send(a, map[string]any{"content": "first"})
	m2 := send(a, map[string]any{"content": "second", "private": true, "content_attributes": map[string]any{"in_reply_to": m1["id"]}})
	m3 := send(b, map[string]any{"content": "other", "content_attributes": map[string]any{"in_reply_to": "29"}})

	for _, tc := range []struct {
		msg               map[string]any
		id, sorting, conv int64
		attrs             string
	}{
		{m1, 1, 1, 1, `{}`},
		{m2, 2, 2, 1, `{"in_reply_to":1}`},
		{m3, 3, 1, 2, `{"in_reply_to":29}`},
	} {
		if num(t, tc.msg, "id") != tc.id || num(t, tc.msg, "sorting_id") != tc.sorting || num(t, tc.msg, "conversation_id") != tc.conv {
			t.Errorf("message %v: want id %d sorting_id %d conversation %d", tc.msg, tc.id, tc.sorting, tc.conv)
		}
		if !jsonEqual(tc.msg["content_attributes"], mustJSON(t, tc.attrs)) {
			t.Errorf("content_attributes = %v, want %s", tc.msg["content_attributes"], tc.attrs)
		}
		if num(t, tc.msg, "message_type") != 1 || tc.msg["status"] != "sent" || tc.msg["content_type"] != "text" {
			t.Errorf("message = %v", tc.msg)
		}
		if _, ok := tc.msg["attachments"]; ok {
			t.Errorf("text message has attachments: %v", tc.msg)
		}
	}
	if m2["private"] != true || m1["private"] != false {
		t.Errorf("private = %v, %v", m1["private"], m2["private"])
	}
	st := s.Snapshot().Messages
	if len(st) != 3 || st[1].Content != "second" || !st[1].Private || st[1].InReplyTo == nil || *st[1].InReplyTo != 1 || st[0].InReplyTo != nil {
		t.Errorf("stored messages = %+v", st)
	}
}

func TestSendMessageErrors(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	conv := itoa(c.createConversation())
	path := "/api/v2/accounts/conversations/" + conv + "/messages"
	c.do(http.MethodPost, "/api/v2/accounts/conversations/999/messages", map[string]any{"content": "x"}).
		expectBody(t, 404, `{"error":"Resource could not be found"}`)
	c.do(http.MethodPost, path, map[string]any{"content": ""}).
		expectBody(t, 422, `{"error":"content or attachments[] is required"}`)
	c.multipart(path, map[string]string{"content": ""}).expect(t, 422)
	c.do(http.MethodPost, path, map[string]any{"content": "x", "content_attributes": map[string]any{"in_reply_to": "abc"}}).
		expectBody(t, 422, `{"error":"content_attributes.in_reply_to must be a positive integer"}`)
	c.multipart(path, map[string]string{"content": "x", "private": "maybe"}).
		expectBody(t, 422, `{"error":"private must be true or false"}`)
	if n := len(s.Snapshot().Messages); n != 0 {
		t.Errorf("%d messages stored by failed requests", n)
	}
}

func TestMultipartUploadIsStoredAndServed(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	conv := itoa(c.createConversation())
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 1000)...)
	txt := []byte("plain notes\n")
	msg := c.multipart("/api/v2/accounts/conversations/"+conv+"/messages",
		map[string]string{"content": "files", "private": "true", "content_attributes": `{"in_reply_to":29}`},
		file{name: "photo.png", contentType: "image/png", data: png},
		file{name: "notes.txt", data: txt},
		file{name: "clip.mp4", contentType: "application/octet-stream", data: []byte("not really a video")},
	).expect(t, http.StatusOK).object(t)

	if msg["private"] != true || !jsonEqual(msg["content_attributes"], mustJSON(t, `{"in_reply_to":29}`)) {
		t.Errorf("message = %v", msg)
	}
	atts := msg["attachments"].([]any)
	if len(atts) != 3 {
		t.Fatalf("attachments = %v", atts)
	}
	for i, want := range []struct {
		fileType, contentType string
		data                  []byte
		thumb                 bool
	}{
		{"image", "image/png", png, true},
		{"file", "text/plain; charset=utf-8", txt, false},
		{"video", "video/mp4", []byte("not really a video"), false},
	} {
		a := atts[i].(map[string]any)
		if a["file_type"] != want.fileType || num(t, a, "file_size") != int64(len(want.data)) || num(t, a, "message_id") != num(t, msg, "id") || num(t, a, "account_id") != DefaultAccountID {
			t.Errorf("attachment %d = %v", i, a)
		}
		dataURL := a["data_url"].(string)
		if !strings.HasPrefix(dataURL, c.base+"/rails/active_storage/blobs/redirect/") {
			t.Errorf("data_url = %q", dataURL)
		}
		if thumb := a["thumb_url"].(string); (thumb != "") != want.thumb {
			t.Errorf("thumb_url = %q", thumb)
		}
		got, contentType := fetch(t, dataURL)
		if !bytes.Equal(got, want.data) || contentType != want.contentType {
			t.Errorf("data_url served %q (%s), want %q (%s)", got, contentType, want.data, want.contentType)
		}
	}
	if got, _ := fetch(t, atts[0].(map[string]any)["thumb_url"].(string)); !bytes.Equal(got, png) {
		t.Error("thumb_url does not serve the image")
	}

	stored := s.Snapshot().Messages[0].Attachments
	sum := sha256.Sum256(png)
	if len(stored) != 3 || stored[0].FileName != "photo.png" || stored[0].Size != int64(len(png)) || stored[0].SHA256 != hex.EncodeToString(sum[:]) || stored[0].FileType != "image" {
		t.Errorf("stored attachments = %+v", stored)
	}
}

func TestDataURLUnknownTokenOrName(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	conv := itoa(c.createConversation())
	msg := c.multipart("/api/v2/accounts/conversations/"+conv+"/messages", map[string]string{}, file{name: "a b.pdf", data: []byte("%PDF")}).
		expect(t, http.StatusOK).object(t)
	dataURL := msg["attachments"].([]any)[0].(map[string]any)["data_url"].(string)
	if !strings.HasSuffix(dataURL, "/a%20b.pdf") || msg["content"] != nil {
		t.Errorf("data_url = %q, content = %v", dataURL, msg["content"])
	}
	if got, _ := fetch(t, dataURL); string(got) != "%PDF" {
		t.Errorf("served %q", got)
	}
	c.noAuth = true
	c.do(http.MethodGet, strings.TrimPrefix(strings.Replace(dataURL, "a%20b.pdf", "other.pdf", 1), c.base), nil).expect(t, 404)
	c.do(http.MethodGet, "/rails/active_storage/blobs/redirect/NOPE/a.pdf", nil).expect(t, 404)
}

// fetch GETs a URL without credentials and returns the body and content type.
func fetch(t *testing.T, url string) ([]byte, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return data, resp.Header.Get("Content-Type")
}

// mustJSON decodes a JSON literal.
func mustJSON(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := decodeNumbers([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestMultipartFieldsMustBeUTF8(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	conv := itoa(c.createConversation())
	c.multipart("/api/v2/accounts/conversations/"+conv+"/messages", map[string]string{"content": "caf\xe9"}).
		expectBody(t, http.StatusUnprocessableEntity, `{"error":"content is not valid UTF-8"}`)
	if n := len(s.Snapshot().Messages); n != 0 {
		t.Errorf("%d messages stored", n)
	}
}

func TestIncomingMessageIsTheContactsAndReopensTheConversation(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	convID := itoa(c.createConversation())
	messages := "/api/v2/accounts/conversations/" + convID + "/messages"
	c.do(http.MethodPost, "/api/v2/accounts/conversations/"+convID+"/toggle_status", map[string]any{"status": "resolved"}).expect(t, 200)

	outgoing := c.do(http.MethodPost, messages, map[string]any{"content": "agent"}).expect(t, 200).object(t)
	if st := s.Snapshot().Conversations[0].Status; st != "resolved" {
		t.Errorf("an outgoing message changed the status to %q", st)
	}
	incoming := c.multipart(messages, map[string]string{"content": "customer", "message_type": "incoming"}, file{name: "a.txt", data: []byte("a")}).expect(t, 200).object(t)
	if num(t, incoming, "message_type") != 0 || num(t, outgoing, "message_type") != 1 {
		t.Errorf("message_type codes = %v and %v, want 0 (incoming) and 1 (outgoing)", incoming["message_type"], outgoing["message_type"])
	}
	sender := obj(t, incoming, "sender")
	if sender["type"] != "contact" || sender["name"] != "Conversation Contact" || num(t, sender, "id") != s.Snapshot().Conversations[0].ContactID {
		t.Errorf("incoming sender = %v, want the conversation's contact", sender)
	}
	st := s.Snapshot()
	if st.Conversations[0].Status != "open" {
		t.Errorf("after an incoming message the conversation is %q, want it reopened", st.Conversations[0].Status)
	}
	if m := st.Messages[1]; m.MessageType != "incoming" || m.SenderType != "contact" {
		t.Errorf("stored incoming message = %+v", m)
	}
	c.do(http.MethodPost, messages, map[string]any{"content": "x", "message_type": "activity"}).expect(t, 422)
}

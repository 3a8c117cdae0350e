package livedesk

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

func TestConversationCreateDecodesVendorExample(t *testing.T) {
	t.Parallel()
	c, _, _ := newTestClient(t, Config{}, respond(http.StatusOK, string(fixture(t, "create_conversation_response.th.json"))))

	conv, err := c.Conversations.Create(context.Background(), CreateConversationRequest{InboxID: 407, ContactID: 2219256})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"id", conv.ID, Int64(40)},
		{"uuid", conv.UUID, "660ce36f-46bb-4153-948c-8a26e6dab634"},
		{"account_id (over int32)", conv.AccountID, Int64(17623000010928)},
		{"inbox_id", conv.InboxID, Int64(407)},
		{"status", conv.Status, "open"},
		{"created_at", conv.CreatedAt.Unix(), int64(1766572062)},
		{"meta.sender.id", conv.Meta.Sender.ID, Int64(2219256)},
		{"meta.sender.name", conv.Meta.Sender.Name, "wjTest"},
	}
	for _, check := range checks {
		if check.got != check.want {
			t.Errorf("%s = %v, want %v", check.name, check.got, check.want)
		}
	}
}

func TestMessageCreateDecodesVendorTextExample(t *testing.T) {
	t.Parallel()
	c, _, _ := newTestClient(t, Config{}, respond(http.StatusOK, string(fixture(t, "send_message_text_response.ja.json"))))

	msg, err := c.Messages.Create(context.Background(), 141, CreateMessageRequest{Content: "x", InReplyTo: 29})
	if err != nil {
		t.Fatal(err)
	}
	if msg.ID != 3030 || msg.ConversationID != 141 {
		t.Errorf("ids = %d/%d, want 3030/141", msg.ID, msg.ConversationID)
	}
	if msg.Content != "エージェントからのメッセージ送信、正常ですか" {
		t.Errorf("content = %q", msg.Content)
	}
	if msg.MessageType != "outgoing" || msg.ContentType != "text" || msg.Status != "sent" || msg.Private {
		t.Errorf("type/content_type/status/private = %q/%q/%q/%v", msg.MessageType, msg.ContentType, msg.Status, msg.Private)
	}
	if msg.CreatedAt.Unix() != 1762331029 {
		t.Errorf("created_at = %d", msg.CreatedAt.Unix())
	}
	if msg.Sender.ID != 3 || msg.Sender.Type != "user" || msg.Sender.Name != "TEST" {
		t.Errorf("sender = %+v", msg.Sender)
	}
	if len(msg.Attachments) != 0 {
		t.Errorf("attachments = %+v, want none", msg.Attachments)
	}
}

func TestMessageCreateDecodesVendorFileExample(t *testing.T) {
	t.Parallel()
	c, _, _ := newTestClient(t, Config{}, respond(http.StatusOK, string(fixture(t, "send_message_file_response.ja.json"))))

	msg, err := c.Messages.Create(context.Background(), 141, CreateMessageRequest{
		Content: "詳細画像は以下の通り", Files: []File{bytesFile("android-icon-48x48.png", []byte("png"))},
	})
	if err != nil {
		t.Fatal(err)
	}
	if msg.ID != 3031 || len(msg.Attachments) != 1 {
		t.Fatalf("id = %d, attachments = %d; want 3031 and 1", msg.ID, len(msg.Attachments))
	}
	a := msg.Attachments[0]
	if a.ID != 199 || a.MessageID != 3031 || a.AccountID != 14 || a.FileType != "image" || a.FileSize != 589136 {
		t.Errorf("attachment = %+v", a)
	}
	if a.Extension != "" || a.Width != nil || a.Height != nil {
		t.Errorf("null extension/width/height decoded as %q/%v/%v", a.Extension, a.Width, a.Height)
	}
	const wantPrefix = "https://livedesk.engagelab.com/rails/active_storage/blobs/redirect/"
	if len(a.DataURL) <= len(wantPrefix) || a.DataURL[:len(wantPrefix)] != wantPrefix {
		t.Errorf("data_url = %q", a.DataURL)
	}
	if a.ThumbURL == "" {
		t.Error("thumb_url is empty")
	}
}

func TestInt64AcceptsNumbersStringsAndNull(t *testing.T) {
	t.Parallel()
	cases := map[string]Int64{
		`42`: 42, `"42"`: 42, `" 42 "`: 42, `42.0`: 42, `null`: 0, `""`: 0,
		`17629000001207`: 17629000001207, `"17629000001207"`: 17629000001207, `-3`: -3,
		`9223372036854775807`: 9223372036854775807,
	}
	for in, want := range cases {
		var got Int64
		if err := json.Unmarshal([]byte(in), &got); err != nil || got != want {
			t.Errorf("%s -> %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{`"abc"`, `4.5`, `true`, `{}`, `1e30`} {
		var got Int64
		if err := json.Unmarshal([]byte(bad), &got); err == nil {
			t.Errorf("%s decoded as %d, want an error", bad, got)
		}
	}
	encoded, err := json.Marshal(struct {
		ID Int64 `json:"id"`
	}{17623000010928})
	if err != nil || string(encoded) != `{"id":17623000010928}` {
		t.Errorf("encoded %s, %v; want a JSON number", encoded, err)
	}
}

func TestTimestampAcceptsIntFloatISOAndNull(t *testing.T) {
	t.Parallel()
	cases := map[string]time.Time{
		`1766572062`:                 time.Unix(1766572062, 0),
		`1766572062.5803902`:         time.Unix(1766572062, 580390000),
		`"1766572062"`:               time.Unix(1766572062, 0),
		`"2026-01-21T03:26:49.012Z"`: time.Date(2026, 1, 21, 3, 26, 49, 12000000, time.UTC),
		`"2025-11-19T05:55:25Z"`:     time.Date(2025, 11, 19, 5, 55, 25, 0, time.UTC),
		`null`:                       {},
		`0`:                          {},
		`""`:                         {},
	}
	for in, want := range cases {
		var got Timestamp
		if err := json.Unmarshal([]byte(in), &got); err != nil || !got.Equal(want) {
			t.Errorf("%s -> %v, %v; want %v", in, got.Time, err, want)
		}
	}
	var bad Timestamp
	if err := json.Unmarshal([]byte(`"yesterday"`), &bad); err == nil {
		t.Errorf("\"yesterday\" decoded as %v, want an error", bad.Time)
	}
}

func TestMessageTypeAcceptsCodesAndNames(t *testing.T) {
	t.Parallel()
	cases := map[string]MessageType{`0`: "incoming", `1`: "outgoing", `2`: "activity", `3`: "template", `"outgoing"`: "outgoing", `"1"`: "outgoing", `9`: "9", `null`: ""}
	for in, want := range cases {
		var got MessageType
		if err := json.Unmarshal([]byte(in), &got); err != nil || got != want {
			t.Errorf("%s -> %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestUnknownFieldsAndNullsAreTolerated(t *testing.T) {
	t.Parallel()
	body := `{"id":"77","account_id":"17623000010928","inbox_id":407.0,"status":"open","meta":{"sender":null,"brand_new":{"x":[1]}},"created_at":"2026-01-21T03:26:49.012Z","updated_at":null,"future_field":[{"a":null}]}`
	c, _, _ := newTestClient(t, Config{}, respond(http.StatusOK, body))
	conv, err := c.Conversations.Create(context.Background(), CreateConversationRequest{InboxID: 407, SourceID: "s"})
	if err != nil {
		t.Fatal(err)
	}
	if conv.ID != 77 || conv.AccountID != 17623000010928 || conv.InboxID != 407 || conv.CreatedAt.Unix() != 1768966009 {
		t.Errorf("decoded %+v", conv)
	}
}

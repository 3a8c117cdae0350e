package livedesk

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

func TestCreateWithoutAnIDIsAnErrorThatMayHaveCommitted(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"empty body":       ``,
		"another shape":    `{"payload":{"id":40}}`,
		"id zero":          `{"id":0,"status":"open"}`,
		"not JSON":         `<html>ok</html>`,
		"unusable id":      `{"id":"forty"}`,
		"unusable created": `{"id":40,"created_at":"2025-12-24 10:27:42 UTC"}`,
	} {
		c, api, _ := newTestClient(t, Config{MaxRetries: 4}, respond(http.StatusOK, body))
		_, err := c.Conversations.Create(context.Background(), CreateConversationRequest{InboxID: 1, ContactID: 2})
		var answer *AnswerError
		if !errors.As(err, &answer) || !MayHaveCommitted(err) {
			t.Errorf("%s: err = %v, want an *AnswerError that may have committed", name, err)
		}
		if n := len(api.recorded()); n != 1 {
			t.Errorf("%s: %d requests, want 1", name, n)
		}
	}
}

func TestMessageAndContactCreatesCheckTheID(t *testing.T) {
	t.Parallel()
	c, _, _ := newTestClient(t, Config{}, respond(http.StatusOK, `{"content":"hi"}`))
	if _, err := c.Messages.Create(context.Background(), 1, CreateMessageRequest{Content: "hi"}); !MayHaveCommitted(err) {
		t.Errorf("message without id: %v", err)
	}
	c, _, _ = newTestClient(t, Config{}, respond(http.StatusOK, `{"payload":{"contact":{"name":"x"}}}`))
	if _, err := c.Contacts.Create(context.Background(), CreateContactRequest{InboxID: 1}); !MayHaveCommitted(err) {
		t.Errorf("contact without id: %v", err)
	}
}

func TestUnusableReadAnswerIsNotACreate(t *testing.T) {
	t.Parallel()
	c, _, _ := newTestClient(t, Config{}, respond(http.StatusOK, `{"payload":"nope"}`))
	_, err := c.Contacts.List(context.Background(), ListContactsOptions{})
	var answer *AnswerError
	if !errors.As(err, &answer) || MayHaveCommitted(err) {
		t.Errorf("err = %v, want an *AnswerError of a read", err)
	}
}

func TestRedirectsAreReportedNotFollowed(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{}, respond(http.StatusMovedPermanently, ``, "Location", "/elsewhere"), respond(http.StatusOK, `{"id":1}`))
	_, err := c.Conversations.Create(context.Background(), CreateConversationRequest{InboxID: 1, ContactID: 2})
	if !HasStatus(err, http.StatusMovedPermanently) || MayHaveCommitted(err) {
		t.Errorf("err = %v, want the 301", err)
	}
	if got := api.recorded(); len(got) != 1 || got[0].Method != http.MethodPost {
		t.Errorf("requests = %+v, want the POST alone", got)
	}
}

func TestToggleStatusIsRetriedLikeAnUpdate(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{MaxRetries: 4},
		respond(http.StatusServiceUnavailable, `{"error":"down"}`),
		respond(http.StatusOK, `{"meta":{},"payload":{"success":true,"conversation_id":4,"current_status":"snoozed"}}`))
	res, err := c.Conversations.ToggleStatus(context.Background(), 4, StatusSnoozed)
	if err != nil || res.CurrentStatus != StatusSnoozed {
		t.Fatalf("got %+v, %v", res, err)
	}
	if n := len(api.recorded()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestBaseURLMustNotCarryAQueryOrFragment(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"https://host/x?token=abc", "https://host/#frag", "https:opaque"} {
		if _, err := ParseBaseURL(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestConversationCreateRecordsTheServersDate(t *testing.T) {
	t.Parallel()
	const body = `{"id":40,"created_at":1766572062}`
	c, _, _ := newTestClient(t, Config{}, respond(http.StatusOK, body, "Date", "Wed, 24 Dec 2025 10:27:45 GMT"))
	conv, err := c.Conversations.Create(context.Background(), CreateConversationRequest{InboxID: 1, ContactID: 2})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 12, 24, 10, 27, 45, 0, time.UTC); !conv.AnsweredAt.Equal(want) {
		t.Errorf("AnsweredAt = %v, want the Date header's %v", conv.AnsweredAt, want)
	}
	// httptest's server adds a Date of its own: an unusable one replaces it.
	c, _, _ = newTestClient(t, Config{}, respond(http.StatusOK, body, "Date", "yesterday"))
	if conv, err = c.Conversations.Create(context.Background(), CreateConversationRequest{InboxID: 1, ContactID: 2}); err != nil {
		t.Fatal(err)
	}
	if !conv.AnsweredAt.IsZero() {
		t.Errorf("AnsweredAt = %v from an unusable Date header, want zero", conv.AnsweredAt)
	}
}

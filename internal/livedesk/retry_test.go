package livedesk

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func createConversation(c *Client) error {
	_, err := c.Conversations.Create(context.Background(), CreateConversationRequest{InboxID: 1, ContactID: 2})
	return err
}

func TestPOSTAnswered429IsRetriedAfterRetryAfter(t *testing.T) {
	t.Parallel()
	c, api, sleeps := newTestClient(t, Config{MaxRetries: 4},
		respond(http.StatusTooManyRequests, `{"error":"Too many requests"}`, "Retry-After", "2"),
		respond(http.StatusOK, `{"id":9}`))
	if err := createConversation(c); err != nil {
		t.Fatal(err)
	}
	if n := len(api.recorded()); n != 2 {
		t.Fatalf("%d requests, want 2", n)
	}
	if len(sleeps.waits) != 1 || sleeps.waits[0] < 2*time.Second || sleeps.waits[0] > 3*time.Second {
		t.Errorf("waited %v, want Retry-After (2s) plus at most half of jitter", sleeps.waits)
	}
}

func TestRetryAfterAsHTTPDate(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	if got := parseRetryAfter(now.Add(3*time.Second).Format(http.TimeFormat), now); got != 3*time.Second {
		t.Errorf("HTTP date -> %v, want 3s", got)
	}
	for _, v := range []string{"", "-1", "soon", now.Add(-time.Hour).Format(http.TimeFormat)} {
		if got := parseRetryAfter(v, now); got != 0 {
			t.Errorf("%q -> %v, want 0", v, got)
		}
	}
}

func TestPOSTAnswered500IsNotRetried(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{MaxRetries: 4},
		respond(http.StatusInternalServerError, `{"error":"Internal server error"}`),
		respond(http.StatusOK, `{"id":9}`))
	err := createConversation(c)
	if n := len(api.recorded()); n != 1 {
		t.Fatalf("%d requests, want exactly 1 (a retried create could duplicate)", n)
	}
	if !MayHaveCommitted(err) {
		t.Errorf("MayHaveCommitted(%v) = false, want true", err)
	}
}

func TestGETAnswered503IsRetried(t *testing.T) {
	t.Parallel()
	c, api, sleeps := newTestClient(t, Config{MaxRetries: 4},
		respond(http.StatusServiceUnavailable, `{"error":"down"}`),
		respond(http.StatusBadGateway, `{"error":"down"}`),
		respond(http.StatusOK, `{"ok":true}`))
	var out struct {
		OK bool `json:"ok"`
	}
	if err := c.do(context.Background(), http.MethodGet, "/api/v2/accounts/contacts", nil, &out); err != nil || !out.OK {
		t.Fatalf("err = %v, out = %+v", err, out)
	}
	if n := len(api.recorded()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	// Exponential backoff: about 0.5s then about 1s.
	if len(sleeps.waits) != 2 || sleeps.waits[0] < 500*time.Millisecond || sleeps.waits[1] < time.Second {
		t.Errorf("waits = %v", sleeps.waits)
	}
}

func TestNotImplementedAndClientErrorsAreNotRetried(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusNotImplemented, http.StatusBadRequest, http.StatusUnauthorized, http.StatusNotFound, http.StatusUnprocessableEntity} {
		c, api, _ := newTestClient(t, Config{MaxRetries: 4}, respond(status, `{"error":"no"}`))
		if err := c.do(context.Background(), http.MethodGet, "/x", nil, nil); err == nil {
			t.Fatalf("%d: no error", status)
		}
		if n := len(api.recorded()); n != 1 {
			t.Errorf("%d: %d requests, want 1", status, n)
		}
	}
}

func TestRetriesAreBoundedByMaxRetries(t *testing.T) {
	t.Parallel()
	c, api, sleeps := newTestClient(t, Config{MaxRetries: 2}, respond(http.StatusTooManyRequests, `{"error":"Too many requests"}`))
	err := createConversation(c)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("err = %v, want the last 429", err)
	}
	if n := len(api.recorded()); n != 3 || len(sleeps.waits) != 2 {
		t.Errorf("%d requests and %d waits, want 3 and 2", n, len(sleeps.waits))
	}
}

func TestPOSTIsRetriedWhenTheServerWasNeverReached(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close() // nothing listens: every dial is refused

	c, err := New(Config{BaseURL: "http://" + addr, APIKey: testKey, APISecret: testSecret, MaxRetries: 3})
	if err != nil {
		t.Fatal(err)
	}
	sleeps := &sleepRecorder{}
	c.sleep = sleeps.sleep
	err = createConversation(c)
	var te *TransportError
	if !errors.As(err, &te) || te.Sent {
		t.Fatalf("err = %#v, want an unsent *TransportError", err)
	}
	if len(sleeps.waits) != 3 {
		t.Errorf("%d retries, want 3", len(sleeps.waits))
	}
	if MayHaveCommitted(err) {
		t.Error("a request that never reached the server may not have committed")
	}
	if !strings.Contains(err.Error(), addr) {
		t.Errorf("error %q does not name the address", err)
	}
}

// dropAfterRead reads the whole request, then closes the connection
// without answering: the server may have acted on it.
func dropAfterRead(t *testing.T) (string, func() int) {
	t.Helper()
	var mu sync.Mutex
	count := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		count++
		mu.Unlock()
		_, _ = r.Body.Read(make([]byte, 1<<16))
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.Close()
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() int { mu.Lock(); defer mu.Unlock(); return count }
}

func TestPOSTIsNotRetriedWhenTheConnectionDropsAfterSending(t *testing.T) {
	t.Parallel()
	url, count := dropAfterRead(t)
	c, err := New(Config{BaseURL: url, APIKey: testKey, APISecret: testSecret, MaxRetries: 4})
	if err != nil {
		t.Fatal(err)
	}
	err = createConversation(c)
	var te *TransportError
	if !errors.As(err, &te) || !te.Sent {
		t.Fatalf("err = %#v, want a sent *TransportError", err)
	}
	if !MayHaveCommitted(err) {
		t.Error("MayHaveCommitted = false for a create whose answer was lost")
	}
	if count() != 1 {
		t.Errorf("%d requests, want 1", count())
	}
}

func TestGETIsRetriedWhenTheConnectionDrops(t *testing.T) {
	t.Parallel()
	url, count := dropAfterRead(t)
	c, err := New(Config{BaseURL: url, APIKey: testKey, APISecret: testSecret, MaxRetries: 2})
	if err != nil {
		t.Fatal(err)
	}
	c.sleep = (&sleepRecorder{}).sleep
	if err := c.do(context.Background(), http.MethodGet, "/x", nil, nil); err == nil {
		t.Fatal("no error")
	}
	if count() != 3 {
		t.Errorf("%d requests, want 3", count())
	}
}

func TestSlowAnswerIsATimeoutAndAPOSTIsNotRetried(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	var mu sync.Mutex
	count := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		count++
		mu.Unlock()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	c, err := New(Config{BaseURL: srv.URL, APIKey: testKey, APISecret: testSecret, MaxRetries: 4, Timeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	err = createConversation(c)
	if !IsTimeout(err) || !MayHaveCommitted(err) {
		t.Fatalf("err = %v: IsTimeout=%v MayHaveCommitted=%v, want both", err, IsTimeout(err), MayHaveCommitted(err))
	}
	if !strings.Contains(err.Error(), "no response within 50ms") {
		t.Errorf("error %q does not name the timeout", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if count != 1 {
		t.Errorf("%d requests, want 1", count)
	}
}

func TestCancelledContextStopsRetrying(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{MaxRetries: 4}, respond(http.StatusTooManyRequests, `{}`, "Retry-After", "1"))
	c.sleep = sleepContext
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.do(ctx, http.MethodGet, "/x", nil, nil); err == nil {
		t.Fatal("no error")
	}
	if n := len(api.recorded()); n > 1 {
		t.Errorf("%d requests after cancellation", n)
	}
}

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	t.Parallel()
	b := backoff{min: 100 * time.Millisecond, max: time.Second}
	for attempt, want := range []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond, 800 * time.Millisecond, time.Second, time.Second} {
		got := b.delay(attempt, 0)
		if got < want || got > want+want/2 {
			t.Errorf("attempt %d: %v, want %v plus jitter", attempt, got, want)
		}
	}
	if got := b.delay(40, 0); got < time.Second || got > 1500*time.Millisecond {
		t.Errorf("huge attempt: %v", got)
	}
	// Retry-After is a floor under the backoff, not a replacement for it.
	for attempt, want := range []time.Duration{time.Second, time.Second, time.Second, time.Second} {
		if got := b.delay(attempt, time.Second); got < want || got > want+want/2 {
			t.Errorf("attempt %d with Retry-After 1s: %v, want %v plus jitter", attempt, got, want)
		}
	}
	if got := (backoff{min: 500 * time.Millisecond, max: 30 * time.Second}).delay(3, time.Second); got < 4*time.Second {
		t.Errorf("fourth retry after Retry-After 1s waited %v, want the 4s backoff", got)
	}
}

func TestStartedCreateFinishesWhenTheCallerCancels(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	var mu sync.Mutex
	created := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cancel() // the caller gives up while the server is working
		time.Sleep(50 * time.Millisecond)
		mu.Lock()
		created++
		mu.Unlock()
		respond(http.StatusOK, `{"id":41}`)(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, APIKey: testKey, APISecret: testSecret})
	if err != nil {
		t.Fatal(err)
	}
	conv, err := c.Conversations.Create(ctx, CreateConversationRequest{InboxID: 1, ContactID: 2})
	if err != nil || conv.ID != 41 {
		t.Fatalf("got %+v, %v; want the created conversation despite the cancellation", conv, err)
	}
	// A create not yet started is not sent once the caller has cancelled.
	if _, err := c.Conversations.Create(ctx, CreateConversationRequest{InboxID: 1, ContactID: 2}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if created != 1 {
		t.Errorf("%d creates reached the server, want 1", created)
	}
}

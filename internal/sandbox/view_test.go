package sandbox

import (
	"bufio"
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// hostile is API input that would run a script if the view did not escape
// it.
const hostile = `<img src=x onerror="document.title='pwned'"><script>alert(1)</script>`

// seedHostileConversation creates, through the API, a contact and a
// conversation whose names, content, attribute and file name are hostile,
// and returns the conversation id.
func seedHostileConversation(t *testing.T, c *testClient) string {
	t.Helper()
	contact := c.createContact(map[string]any{"name": hostile, "custom_attributes": map[string]any{"<b>k</b>": hostile}})
	conv := c.do(http.MethodPost, "/api/v2/accounts/conversations", map[string]any{"inbox_id": 1, "contact_id": contact["id"]}).
		expect(t, http.StatusOK).object(t)
	id := itoa(num(t, conv, "id"))
	c.do(http.MethodPost, "/api/v2/accounts/conversations/"+id+"/messages", map[string]any{"content": hostile, "message_type": "incoming"}).
		expect(t, http.StatusOK)
	c.multipart("/api/v2/accounts/conversations/"+id+"/messages", map[string]string{"content": "file"},
		file{name: `<b onmouseover=alert(2)>x.txt`, contentType: "text/plain", data: []byte("x")}).expect(t, http.StatusOK)
	c.do(http.MethodPost, "/api/v2/accounts/tickets", map[string]any{"title": hostile, "description": hostile}).expect(t, http.StatusOK)
	return id
}

// viewPaths are the pages of a sandbox seeded by seedHostileConversation.
func viewPaths(conversationID string) []string {
	return []string{"/", "/inboxes/1", "/conversations/" + conversationID, "/contacts", "/tickets"}
}

func TestViewPagesSetAStrictContentSecurityPolicy(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	id := seedHostileConversation(t, c)
	c.noAuth = true // the view needs no credentials
	for _, path := range append(viewPaths(id), "/static/view.css", "/static/view.js") {
		res := c.do(http.MethodGet, path, nil).expect(t, http.StatusOK)
		csp := res.header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("GET %s: Content-Security-Policy %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") || strings.Contains(csp, "*") {
			t.Errorf("GET %s: Content-Security-Policy %q allows inline or foreign scripts", path, csp)
		}
		if got := res.header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options = %q, want nosniff", path, got)
		}
	}
}

func TestViewEscapesEverythingFromTheAPI(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	id := seedHostileConversation(t, c)
	script := regexp.MustCompile(`(?i)<script[^>]*>`)
	for _, path := range viewPaths(id) {
		body := string(c.do(http.MethodGet, path, nil).expect(t, http.StatusOK).raw)
		if got := script.FindAllString(body, -1); len(got) != 1 || got[0] != `<script src="/static/view.js" defer>` {
			t.Errorf("GET %s: script elements %q, want only the view's own", path, got)
		}
		for _, raw := range []string{"<img src=x", `onerror="`, "<script>alert", "<b onmouseover", "<b>k</b>"} {
			if strings.Contains(body, raw) {
				t.Errorf("GET %s: %q is in the page unescaped", path, raw)
			}
		}
		if !strings.Contains(body, "&lt;img src=x onerror=&#34;document.title=&#39;pwned&#39;&#34;&gt;") {
			t.Errorf("GET %s: the hostile text is not shown escaped:\n%s", path, body)
		}
	}
	conversation := string(c.do(http.MethodGet, "/conversations/"+id, nil).raw)
	for _, want := range []string{
		`&lt;b&gt;k&lt;/b&gt;`,                           // a custom attribute's key
		`download="&lt;b onmouseover=alert(2)&gt;x.txt"`, // a file name in an attribute
		`>&lt;b onmouseover=alert(2)&gt;x.txt</a>`,       // and as text
	} {
		if !strings.Contains(conversation, want) {
			t.Errorf("the conversation page lacks %s", want)
		}
	}
}

func TestViewConversationIsAChat(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	id := itoa(c.createConversation())
	path := "/api/v2/accounts/conversations/" + id + "/messages"
	c.do(http.MethodPost, path, map[string]any{"content": "Where is my order?", "message_type": "incoming"}).expect(t, http.StatusOK)
	c.multipart(path, map[string]string{"content": "Here is the label."},
		file{name: "label.png", contentType: "image/png", data: make([]byte, 2048)},
		file{name: "invoice.pdf", contentType: "application/pdf", data: []byte("%PDF-1.4")}).expect(t, http.StatusOK)
	c.do(http.MethodPost, path, map[string]any{"content": "Shipped late", "private": true}).expect(t, http.StatusOK)
	c.do(http.MethodPost, path, map[string]any{"content": "Thanks", "message_type": "incoming", "content_attributes": map[string]any{"in_reply_to": 2}}).
		expect(t, http.StatusOK)
	c.do(http.MethodPost, path, map[string]any{"content": "Old", "content_attributes": map[string]any{"in_reply_to": 99}}).expect(t, http.StatusOK)

	body := string(c.do(http.MethodGet, "/conversations/"+id, nil).expect(t, http.StatusOK).raw)
	want := []string{
		`data-events="/conversations/` + id + `/events?after=5"`,
		`<li id="message-1" class="message incoming"`, `Where is my order?`,
		`<li id="message-2" class="message outgoing"`, `Here is the label.`,
		`<img src="/rails/active_storage/representations/redirect/`, `label.png</a>`, `image/png`, `2.0 KB`,
		`invoice.pdf</a>`, `application/pdf`, `8 B`,
		`<li id="message-3" class="message outgoing private"`, `Private note · agents only`, `Shipped late`,
		`<li id="message-4" class="message incoming"`, `<a href="#message-2">Replying to Agent #2</a>: <q>Here is the label.</q>`, `Thanks`,
		`<li id="message-5" class="message outgoing"`, `Replying to message #99, which is not in this conversation`,
	}
	at := 0
	for _, w := range want {
		i := strings.Index(body[at:], w)
		if i < 0 {
			t.Fatalf("the conversation page lacks %q after offset %d (or has it out of order):\n%s", w, at, body)
		}
		at += i + len(w)
	}
	if strings.Count(body, "<img ") != 1 {
		t.Errorf("want one thumbnail (the image), got %d", strings.Count(body, "<img "))
	}
}

func TestViewInboxListsConversationsNewestFirstWithTheirStatus(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	older, err := s.AddContact(ContactInput{Name: "Older"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddConversation(ConversationInput{ContactID: older.ID, CreatedAt: time.Now().Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	newer := itoa(c.createConversation())
	c.do(http.MethodPost, "/api/v2/accounts/conversations/"+newer+"/messages", map[string]any{"content": "hello"}).expect(t, http.StatusOK)
	c.do(http.MethodPost, "/api/v2/accounts/conversations/"+newer+"/toggle_status", map[string]any{"status": "snoozed", "snoozed_until": 1893488400}).
		expect(t, http.StatusOK)

	body := string(c.do(http.MethodGet, "/", nil).expect(t, http.StatusOK).raw)
	first, second := strings.Index(body, `data-id="2"`), strings.Index(body, `data-id="1"`)
	if first < 0 || second < first {
		t.Errorf("want conversation 2 (newer) listed before 1:\n%s", body)
	}
	for _, want := range []string{
		`<span class="status status-snoozed">snoozed until <time datetime="2030-01-01T09:00:00Z">Jan 1, 09:00 UTC</time></span>`,
		`<span class="row-last">Agent: hello</span>`, `1 message`, `No messages yet`, `0 messages`,
		`<span class="status status-open">open</span>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the inbox page lacks %s", want)
		}
	}
}

func TestViewAnswers404ForUnknownObjects(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	for _, path := range []string{"/conversations/1", "/conversations/x", "/inboxes/9", "/conversations/1/events", "/static/missing.js"} {
		c.do(http.MethodGet, path, nil).expect(t, http.StatusNotFound)
	}
	// The API's own unknown routes still answer in JSON.
	c.do(http.MethodGet, "/nothing/here", nil).expectBody(t, http.StatusNotFound, `{"error":"No route matches GET /nothing/here"}`)
}

func TestAttachmentsAreServedSandboxed(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	id := itoa(c.createConversation())
	msg := c.multipart("/api/v2/accounts/conversations/"+id+"/messages", nil,
		file{name: "page.html", contentType: "text/html", data: []byte("<script>alert(1)</script>")}).expect(t, http.StatusOK).object(t)
	url := msg["attachments"].([]any)[0].(map[string]any)["data_url"].(string)
	res := c.do(http.MethodGet, strings.TrimPrefix(url, c.base), nil).expect(t, http.StatusOK)
	if got := res.header.Get("Content-Security-Policy"); got != "sandbox" {
		t.Errorf("an uploaded page is served with Content-Security-Policy %q, want sandbox (no scripts in the view's origin)", got)
	}
}

// sseEvent is one parsed server-sent event.
type sseEvent struct{ name, id, data string }

// readEvents parses the server-sent events of an open stream, as a browser
// does (any of CR, LF, CRLF ends a line), into events until the stream
// ends.
func readEvents(body *bufio.Reader, events chan<- sseEvent) {
	defer close(events)
	var ev sseEvent
	var data []string
	for {
		line, err := body.ReadString('\n')
		if err != nil {
			return
		}
		for _, l := range strings.Split(strings.ReplaceAll(strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), "\r", "\n"), "\n") {
			field, value, _ := strings.Cut(l, ":")
			value = strings.TrimPrefix(value, " ")
			switch field {
			case "":
				if l == "" {
					ev.data = strings.Join(data, "\n")
					events <- ev
					ev, data = sseEvent{}, nil
				}
			case "event":
				ev.name = value
			case "id":
				ev.id = value
			case "data":
				data = append(data, value)
			}
		}
	}
}

// openEvents opens a view stream and returns its events; the stream is
// closed when the test ends.
func openEvents(t *testing.T, c *testClient, path string) <-chan sseEvent {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.http.Do(req) //nolint:bodyclose // closed by cancel at cleanup
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("GET %s: %s, Content-Type %q", path, resp.Status, resp.Header.Get("Content-Type"))
	}
	events := make(chan sseEvent, 64)
	go readEvents(bufio.NewReader(resp.Body), events)
	return events
}

// nextEvent waits for the next event named name, skipping others.
func nextEvent(t *testing.T, events <-chan sseEvent, name string) sseEvent {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatalf("the stream ended before a %q event", name)
			}
			if ev.name == name {
				return ev
			}
		case <-timeout:
			t.Fatalf("no %q event within 5s", name)
		}
	}
}

func TestViewStreamAppendsNewMessagesInOrder(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	id := itoa(c.createConversation())
	path := "/api/v2/accounts/conversations/" + id + "/messages"
	c.do(http.MethodPost, path, map[string]any{"content": "already there"}).expect(t, http.StatusOK)
	events := openEvents(t, c, "/conversations/"+id+"/events?after=1")
	// The stream starts with the page's regions, drawn as the page draws them.
	for _, root := range []string{`<nav id="site-nav"`, `<section id="conversation-list"`, `<header id="conversation-header"`} {
		if ev := nextEvent(t, events, "replace"); !strings.HasPrefix(ev.data, root) {
			t.Errorf("replace event %q, want one starting %s", ev.data, root)
		}
	}

	// A message whose text holds line breaks of every kind and a fake
	// event must arrive as one message, intact.
	c.do(http.MethodPost, path, map[string]any{"content": "one\r\nevent: stale\rdata: two\nthree"}).expect(t, http.StatusOK)
	c.do(http.MethodPost, path, map[string]any{"content": "next", "message_type": "incoming"}).expect(t, http.StatusOK)
	first := nextEvent(t, events, "append")
	second := nextEvent(t, events, "append")
	if first.id != "2" || !strings.Contains(first.data, `<li id="message-2" class="message outgoing"`) ||
		!strings.Contains(first.data, "<p class=\"content\">one\nevent: stale\ndata: two\nthree</p>") {
		t.Errorf("first append = %+v", first)
	}
	if second.id != "3" || !strings.Contains(second.data, `<li id="message-3" class="message incoming"`) {
		t.Errorf("second append = %+v", second)
	}
}

func TestViewStreamResumesAfterLastEventID(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	id := itoa(c.createConversation())
	for _, text := range []string{"a", "b", "c"} {
		c.do(http.MethodPost, "/api/v2/accounts/conversations/"+id+"/messages", map[string]any{"content": text}).expect(t, http.StatusOK)
	}
	req, err := http.NewRequest(http.MethodGet, c.base+"/conversations/"+id+"/events?after=0", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Last-Event-ID", "2") // a reconnecting browser's
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	resp, err := c.http.Do(req.WithContext(ctx)) //nolint:bodyclose // closed by cancel at cleanup
	if err != nil {
		t.Fatal(err)
	}
	events := make(chan sseEvent, 64)
	go readEvents(bufio.NewReader(resp.Body), events)
	if ev := nextEvent(t, events, "append"); ev.id != "3" {
		t.Errorf("after Last-Event-ID 2 the stream sent message %s first, want 3", ev.id)
	}
}

func TestViewStreamSaysStaleAfterAReset(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	id := itoa(c.createConversation())
	events := openEvents(t, c, "/conversations/"+id+"/events")
	s.Reset()
	nextEvent(t, events, "stale")
}

func TestInstanceCloseEndsOpenStreams(t *testing.T) {
	t.Parallel()
	inst, err := Start("127.0.0.1:0", Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := &testClient{t: t, base: inst.URL, http: &http.Client{}, noAuth: true}
	events := openEvents(t, c, "/inboxes/1/events")
	nextEvent(t, events, "replace")
	start := time.Now()
	if err := inst.Close(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Close took %s with a stream open, want it to end the stream at once", d)
	}
	for range events { // drains until the stream ends
	}
}

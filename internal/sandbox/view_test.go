package sandbox

import (
	"bufio"
	"context"
	"mime"
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
		`>&lt;b onmouseover=alert(2)&gt;x.txt</bdi></a>`, // and as text
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
		`<img src="/rails/active_storage/representations/redirect/`, `label.png</bdi></a>`, `image/png`, `2.0 KB`,
		`invoice.pdf</bdi></a>`, `application/pdf`, `8 B`,
		`<li id="message-3" class="message outgoing private"`, `Private note · agents only`, `Shipped late`,
		`<li id="message-4" class="message incoming"`, `<a href="#message-2">Replying to <bdi>Agent</bdi> #2</a>: <q><bdi>Here is the label.</bdi></q>`, `Thanks`,
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
		`<span class="row-last">Agent: <bdi>hello</bdi></span>`, `1 message`, `No messages yet`, `0 messages`,
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

// TestAttachmentsAreServedSandboxed fetches uploads of every kind from the
// view's origin, with GET and HEAD: none is sniffed, each is a sandboxed
// document, and every type a browser could run script in (HTML, SVG, XML,
// a type the sandbox sniffed as HTML) is a download, while images, PDF
// and plain text are shown in place. HEAD answers like GET, without the
// body.
func TestAttachmentsAreServedSandboxed(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	id := itoa(c.createConversation())
	script := []byte("<script>alert(1)</script>")
	uploads := []struct {
		file     file
		download bool
	}{
		{file{name: "page.html", contentType: "text/html", data: script}, true},
		{file{name: "drawing.svg", contentType: "image/svg+xml", data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)}, true},
		{file{name: "feed.xml", contentType: "application/xml", data: []byte("<x/>")}, true},
		{file{name: "page.xhtml", contentType: "application/xhtml+xml; charset=utf-8", data: script}, true},
		{file{name: "page", contentType: "application/octet-stream", data: script}, true}, // sniffed by the sandbox as HTML
		{file{name: "setup.exe", contentType: "application/x-msdownload", data: []byte("MZ")}, true},
		{file{name: "résumé.html", contentType: "text/html", data: script}, true},
		{file{name: "photo.png", contentType: "image/png", data: []byte("\x89PNG\r\n")}, false},
		{file{name: "invoice.pdf", contentType: "application/pdf", data: []byte("%PDF-1.4")}, false},
		{file{name: "notes.txt", contentType: "text/plain; charset=utf-8", data: script}, false},
	}
	files := make([]file, len(uploads))
	for i, u := range uploads {
		files[i] = u.file
	}
	msg := c.multipart("/api/v2/accounts/conversations/"+id+"/messages", nil, files...).expect(t, http.StatusOK).object(t)
	c.noAuth = true
	for i, attachment := range msg["attachments"].([]any) {
		u := uploads[i]
		path := strings.TrimPrefix(attachment.(map[string]any)["data_url"].(string), c.base)
		get := c.do(http.MethodGet, path, nil).expect(t, http.StatusOK)
		head := c.do(http.MethodHead, path, nil).expect(t, http.StatusOK)
		for _, res := range []response{get, head} {
			if got := res.header.Get("Content-Security-Policy"); got != "sandbox" {
				t.Errorf("%s: Content-Security-Policy %q, want sandbox (no scripts in the view's origin)", u.file.name, got)
			}
			if got := res.header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("%s: X-Content-Type-Options %q, want nosniff", u.file.name, got)
			}
			disposition, params, _ := mime.ParseMediaType(res.header.Get("Content-Disposition"))
			if got := disposition == "attachment" && params["filename"] == u.file.name; got != u.download {
				t.Errorf("%s (%s): Content-Disposition %q; a download named after the file: %v, want %v",
					u.file.name, res.header.Get("Content-Type"), res.header.Get("Content-Disposition"), got, u.download)
			}
		}
		if string(get.raw) != string(u.file.data) || len(head.raw) != 0 {
			t.Errorf("%s: GET served %q and HEAD %q; want the file, then no body", u.file.name, get.raw, head.raw)
		}
		for _, h := range []string{"Content-Type", "Content-Length"} {
			if head.header.Get(h) != get.header.Get(h) {
				t.Errorf("%s: HEAD answers %s %q, GET %q", u.file.name, h, head.header.Get(h), get.header.Get(h))
			}
		}
	}
	c.do(http.MethodHead, "/rails/active_storage/blobs/redirect/NOPE/a.pdf", nil).expect(t, http.StatusNotFound)
}

// overridingName is a contact name that ends in an unclosed right-to-left
// override (U+202E), which reverses the text after it unless isolated.
const overridingName = "Mallory\u202e"

// seedRightToLeftOverride creates, through the API, a contact named
// overridingName with a custom attribute whose key ends in the same
// override, and a conversation with one incoming message from it, whose
// text does too. It returns the contact's and the conversation's ids.
func seedRightToLeftOverride(t *testing.T, c *testClient) (contactID, conversationID string) {
	t.Helper()
	contact := c.createContact(map[string]any{"name": overridingName, "custom_attributes": map[string]any{"tier\u202e": "gold"}})
	conv := c.do(http.MethodPost, "/api/v2/accounts/conversations", map[string]any{"inbox_id": 1, "contact_id": contact["id"]}).
		expect(t, http.StatusOK).object(t)
	conversationID = itoa(num(t, conv, "id"))
	c.do(http.MethodPost, "/api/v2/accounts/conversations/"+conversationID+"/messages", map[string]any{"content": "Hi\u202e", "message_type": "incoming"}).
		expect(t, http.StatusOK)
	return itoa(num(t, contact, "id")), conversationID
}

// TestViewIsolatesNamesFromTheTextAroundThem renders a contact whose name
// ends in an unclosed right-to-left override: every place the view shows
// a name or other API text beside its own text isolates it (<bdi>), so
// that the override cannot reorder what follows, such as the card's id.
func TestViewIsolatesNamesFromTheTextAroundThem(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	const name = overridingName
	cid, id := seedRightToLeftOverride(t, c)
	c.do(http.MethodPost, "/api/v2/accounts/tickets", map[string]any{"title": "Refund\u202e", "tags": []string{"vip\u202e", "late"}}).expect(t, http.StatusOK)
	for path, wants := range map[string][]string{
		"/contacts": {`<bdi>` + name + `</bdi> <span class="card-id">#` + cid + `</span>`, `<dt><bdi>tier` + "\u202e" + `</bdi></dt>`},
		"/conversations/" + id: {
			`<bdi class="row-contact">` + name + `</bdi>`, `<bdi>` + name + `</bdi>: <bdi>Hi` + "\u202e" + `</bdi>`,
			`with <bdi>` + name + `</bdi>`, `<bdi class="author">` + name + `</bdi>`,
		},
		"/tickets": {`<bdi>Refund` + "\u202e" + `</bdi> <span class="card-id">`, `<bdi>vip` + "\u202e" + `</bdi>, <bdi>late</bdi>`},
	} {
		body := string(c.do(http.MethodGet, path, nil).expect(t, http.StatusOK).raw)
		for _, want := range wants {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s lacks %q", path, want)
			}
		}
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

package sandbox

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	browserpkg "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/browser"
)

// These tests drive a headless Chromium (internal/browser) through the inbox
// view. Without a Chromium they skip, saying how to get one; under CI
// (CI=true), where .ci/run installs it, a missing Chromium fails them.

// browserTimeout bounds one browser test, Chromium's start included.
const browserTimeout = 90 * time.Second

// openBrowser starts a headless Chromium with a window of the given size
// for the test, or skips the test when there is none.
func openBrowser(t *testing.T, win browser.Window) context.Context {
	t.Helper()
	path, err := browser.Find()
	if err != nil {
		if errors.Is(err, browser.ErrNotFound) && os.Getenv("CI") != "true" {
			t.Skipf("browser test skipped: %v", err)
		}
		t.Fatalf("CI must run the browser tests (.ci/run installs Chromium): %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	tab, closeBrowser := browser.New(ctx, path, win)
	t.Cleanup(func() {
		closeBrowser()
		cancel()
	})
	return tab
}

// eval runs a JavaScript expression in the page and decodes its value.
func eval[T any](t *testing.T, tab context.Context, expression string) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](expression))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expression, err)
	}
	return v
}

// waitFor polls a JavaScript predicate until it holds.
func waitFor(t *testing.T, tab context.Context, predicate string) {
	t.Helper()
	if err := chromedp.Do(tab, chromedp.Poll[chromedp.Void](predicate, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("waiting for %s: %v", predicate, err)
	}
}

// testPNG is a small real PNG, so that the thumbnail has something to draw.
func testPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 120, 80))
	for x := range 120 {
		for y := range 80 {
			img.Set(x, y, color.RGBA{R: uint8(x * 2), G: 120, B: uint8(y * 3), A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// renderedMessage is what a person sees of one message in the chat.
type renderedMessage struct {
	ID      string   `json:"id"`
	Classes string   `json:"classes"`
	Left    float64  `json:"left"`
	Right   float64  `json:"right"`
	Author  string   `json:"author"`
	Private bool     `json:"private"`
	Reply   string   `json:"reply"`
	Text    string   `json:"text"`
	Files   []string `json:"files"`
	// ThumbWidth is the natural width of the image thumbnail, 0 when it
	// did not load, -1 without one.
	ThumbWidth int `json:"thumbWidth"`
}

// readMessages reads the chat as the page shows it.
const readMessages = `[...document.querySelectorAll("#messages > li")].map((li) => {
	const box = li.querySelector("article").getBoundingClientRect();
	const img = li.querySelector(".attachment img");
	return {
		id: li.dataset.id, classes: li.className, left: box.left, right: box.right,
		author: li.querySelector(".author").textContent,
		private: !!li.querySelector(".private-marker"),
		reply: (li.querySelector(".reply") || {textContent: ""}).textContent,
		text: (li.querySelector(".content") || {textContent: ""}).textContent,
		files: [...li.querySelectorAll(".attachment")].map((a) =>
			[".file-name", ".file-type", ".file-size"].map((s) => a.querySelector(s).textContent).join(" | ")),
		thumbWidth: img ? img.naturalWidth : -1,
	};
})`

func TestBrowserConversationReadsAsAChatAndFillsInLive(t *testing.T) {
	tab := openBrowser(t, browser.Window{Width: 1280, Height: 900})
	_, c := newSandbox(t, Options{})
	contact := c.createContact(map[string]any{"name": "Maria Lopez", "email": "maria@example.com", "custom_attributes": map[string]any{"plan": "business"}})
	conv := c.do(http.MethodPost, "/api/v2/accounts/conversations", map[string]any{"inbox_id": 1, "contact_id": contact["id"]}).
		expect(t, http.StatusOK).object(t)
	id := itoa(num(t, conv, "id"))
	messages := "/api/v2/accounts/conversations/" + id + "/messages"
	hostileText := `<img src=x onerror="window.pwned=true;document.title='pwned'">`
	c.do(http.MethodPost, messages, map[string]any{"content": "My order arrived damaged.", "message_type": "incoming"}).expect(t, http.StatusOK)
	c.multipart(messages, map[string]string{"content": "Sorry! Here is the return label and your invoice."},
		file{name: "label.png", contentType: "image/png", data: testPNG(t)},
		file{name: "invoice.pdf", contentType: "application/pdf", data: []byte("%PDF-1.4\n% test invoice\n")}).expect(t, http.StatusOK)
	c.do(http.MethodPost, messages, map[string]any{"content": "Courier damage; claim filed.", "private": true}).expect(t, http.StatusOK)
	c.do(http.MethodPost, messages, map[string]any{"content": "Thank you!", "message_type": "incoming", "content_attributes": map[string]any{"in_reply_to": 2}}).
		expect(t, http.StatusOK)
	c.do(http.MethodPost, messages, map[string]any{"content": hostileText, "message_type": "incoming"}).expect(t, http.StatusOK)

	if err := chromedp.Do(tab, chromedp.Navigate(c.base+"/conversations/"+id), chromedp.WaitVisible(chromedp.CSS("#messages"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `document.querySelector(".attachment img").complete`)
	got := eval[[]renderedMessage](t, tab, readMessages)
	if len(got) != 5 {
		t.Fatalf("the page shows %d messages, want 5: %+v", len(got), got)
	}
	for i, want := range []string{"1", "2", "3", "4", "5"} {
		if got[i].ID != want {
			t.Errorf("message %d on the page is #%s, want #%s (the order they arrived)", i, got[i].ID, want)
		}
	}
	incoming, outgoing := got[0], got[1]
	if !strings.Contains(incoming.Classes, "incoming") || incoming.Author != "Maria Lopez" || !strings.Contains(outgoing.Classes, "outgoing") || outgoing.Author != "Agent" {
		t.Errorf("sides: %+v, %+v", incoming, outgoing)
	}
	if incoming.Left >= outgoing.Left || incoming.Right >= outgoing.Right {
		t.Errorf("the contact's message (left %.0f, right %.0f) is not on the left of the agent's (left %.0f, right %.0f)",
			incoming.Left, incoming.Right, outgoing.Left, outgoing.Right)
	}
	if got[4].Left != incoming.Left || got[3].Left != incoming.Left {
		t.Errorf("the contact's messages are not on one side: %.0f, %.0f, %.0f", incoming.Left, got[3].Left, got[4].Left)
	}
	if !got[2].Private || got[0].Private || got[1].Private || got[2].Text != "Courier damage; claim filed." {
		t.Errorf("private markers: %+v", got)
	}
	if got[3].Reply != "Replying to Agent #2: Sorry! Here is the return label and your invoice." || got[3].Text != "Thank you!" {
		t.Errorf("the reply shows %q / %q", got[3].Reply, got[3].Text)
	}
	wantFiles := []string{"label.png | image/png | " + humanSize(int64(len(testPNG(t)))), "invoice.pdf | application/pdf | 24 B"}
	if strings.Join(outgoing.Files, "\n") != strings.Join(wantFiles, "\n") {
		t.Errorf("attachments show %q, want %q", outgoing.Files, wantFiles)
	}
	if outgoing.ThumbWidth != 120 {
		t.Errorf("the image thumbnail's natural width is %d, want 120 (loaded)", outgoing.ThumbWidth)
	}
	if got[4].Text != hostileText {
		t.Errorf("the hostile message shows %q, want its text as written", got[4].Text)
	}
	if eval[bool](t, tab, `window.pwned === true || document.title === "pwned" || !!document.querySelector('img[src="x"]')`) {
		t.Error("the hostile message ran or became an element")
	}

	// A message sent while the page is open appears without a reload: the
	// marker set on the window survives.
	if eval[int](t, tab, `window.stillThisPage = 42`) != 42 {
		t.Fatal("could not set the window marker")
	}
	c.do(http.MethodPost, messages, map[string]any{"content": "Any news on the refund?", "message_type": "incoming"}).expect(t, http.StatusOK)
	waitFor(t, tab, `!!document.getElementById("message-6")`)
	if !eval[bool](t, tab, `window.stillThisPage === 42`) {
		t.Error("the page reloaded to show the new message")
	}
	got = eval[[]renderedMessage](t, tab, readMessages)
	if last := got[len(got)-1]; len(got) != 6 || last.ID != "6" || last.Text != "Any news on the refund?" || last.Left != incoming.Left {
		t.Errorf("after the live message the chat is %+v", got)
	}
	waitFor(t, tab, `document.querySelector("#conversation-header .meta").textContent.includes("6 messages")`)

	dir, err := os.MkdirTemp("", "livedesk-view-browser-") //nolint:usetesting // the screenshot outlives the test, for a person to look at
	if err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "conversation.png")
	if err := browser.Screenshot(tab, c.base+"/conversations/"+id, "#messages", shot); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of the conversation: %s", shot)
}

func TestBrowserPagesWorkByKeyboardAndOnANarrowWindow(t *testing.T) {
	tab := openBrowser(t, browser.Window{Width: 380, Height: 800})
	s, c := newSandbox(t, Options{})
	id := itoa(c.createConversation())
	c.do(http.MethodPost, "/api/v2/accounts/conversations/"+id+"/messages",
		map[string]any{"content": strings.Repeat("A long line without a break ", 3) + strings.Repeat("x", 200)}).expect(t, http.StatusOK)
	if _, err := s.AddContact(ContactInput{Name: "Wide", CustomAttributes: map[string]string{"note": strings.Repeat("y", 300)}}); err != nil {
		t.Fatal(err)
	}
	c.do(http.MethodPost, "/api/v2/accounts/tickets", map[string]any{"title": "Refund", "priority": "high"}).expect(t, http.StatusOK)

	for _, path := range []string{"/", "/conversations/" + id, "/contacts", "/tickets"} {
		if err := chromedp.Do(tab, chromedp.Navigate(c.base+path), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
			t.Fatal(err)
		}
		if overflow := eval[int](t, tab, `document.documentElement.scrollWidth - window.innerWidth`); overflow > 0 {
			t.Errorf("%s on a 380px window scrolls sideways by %dpx", path, overflow)
		}
		if h1 := eval[int](t, tab, `document.querySelectorAll("h1").length`); h1 != 1 {
			t.Errorf("%s has %d h1 headings, want 1", path, h1)
		}
		// The first Tab reaches the skip link, and following it focuses the content.
		if err := chromedp.Do(tab, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		if got := eval[string](t, tab, `document.activeElement.className`); got != "skip" {
			t.Errorf("%s: the first Tab focuses %q, want the skip link", path, got)
		}
		if err := chromedp.Do(tab, chromedp.KeyEvent("\r")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, tab, `document.activeElement.id === "main"`)
	}
	// Every link a person can reach by keyboard has a name.
	if err := chromedp.Do(tab, chromedp.Navigate(c.base+"/conversations/"+id), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	if unnamed := eval[[]string](t, tab, `[...document.querySelectorAll("a")].filter((a) => !a.textContent.trim() && !a.querySelector("img[alt]")).map((a) => a.outerHTML)`); len(unnamed) > 0 {
		t.Errorf("links without a name: %q", unnamed)
	}
}

// charLefts returns the left edge, on the screen, of each character of the
// first text in the element the CSS selector names: increasing when the
// text reads left to right as written.
func charLefts(t *testing.T, tab context.Context, selector string) []float64 {
	t.Helper()
	return eval[[]float64](t, tab, `(() => {
	const el = document.querySelector(`+strconv.Quote(selector)+`);
	const text = [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.data.trim());
	return [...text.data].map((_, i) => {
		const r = document.createRange();
		r.setStart(text, i);
		r.setEnd(text, i + 1);
		return r.getBoundingClientRect().left;
	});
})()`)
}

// requireLeftToRight fails the test unless the text of the element reads
// left to right, as written.
func requireLeftToRight(t *testing.T, tab context.Context, page, selector, what string) {
	t.Helper()
	lefts := charLefts(t, tab, selector)
	for i := 1; i < len(lefts); i++ {
		if lefts[i] <= lefts[i-1] {
			t.Errorf("%s: %s is drawn reversed or reordered (character left edges %v)", page, what, lefts)
			return
		}
	}
}

// TestBrowserNamesCannotReorderTheTextAroundThem shows a contact whose name
// ends in an unclosed right-to-left override (U+202E): Chromium draws the
// card's id "#<id>", the conversation row's status and the author's side
// label in their own order, not reversed by the name before them.
func TestBrowserNamesCannotReorderTheTextAroundThem(t *testing.T) {
	tab := openBrowser(t, browser.Window{Width: 1280, Height: 900})
	_, c := newSandbox(t, Options{})
	cid, id := seedRightToLeftOverride(t, c)

	if err := chromedp.Do(tab, chromedp.Navigate(c.base+"/contacts"), chromedp.WaitVisible(chromedp.CSS("#contact-list"))); err != nil {
		t.Fatal(err)
	}
	requireLeftToRight(t, tab, "/contacts", "#contact-"+cid+"-name .card-id", "the card's id #"+cid)
	if err := chromedp.Do(tab, chromedp.Navigate(c.base+"/conversations/"+id), chromedp.WaitVisible(chromedp.CSS("#messages"))); err != nil {
		t.Fatal(err)
	}
	page := "/conversations/" + id
	requireLeftToRight(t, tab, page, ".conversation-row .status", "the row's status")
	requireLeftToRight(t, tab, page, ".contact-panel .card-id", "the contact card's id #"+cid)
	requireLeftToRight(t, tab, page, "#message-1 .side", "the author's side label")
}

// TestBrowserLongAttributeKeyLeavesItsValueReadable shows a contact whose
// custom attribute has a key of 80 letters without a break: the key wraps
// within at most about half the row, and the value keeps one line.
func TestBrowserLongAttributeKeyLeavesItsValueReadable(t *testing.T) {
	tab := openBrowser(t, browser.Window{Width: 1280, Height: 900})
	s, c := newSandbox(t, Options{})
	if _, err := s.AddContact(ContactInput{Name: "Wide key", CustomAttributes: map[string]string{strings.Repeat("k", 80): "gold plan"}}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(c.base+"/contacts"), chromedp.WaitVisible(chromedp.CSS(".attributes dd"))); err != nil {
		t.Fatal(err)
	}
	type box struct {
		Row, Key, Value, KeyOverflow float64
		ValueLines                   int
	}
	got := eval[box](t, tab, `(() => {
	const row = document.querySelector(".attributes > div");
	const dt = row.querySelector("dt"), dd = row.querySelector("dd");
	const r = document.createRange();
	r.selectNodeContents(dd);
	const lines = new Set([...r.getClientRects()].map((rect) => Math.round(rect.top))).size;
	return {Row: row.getBoundingClientRect().width, Key: dt.getBoundingClientRect().width, Value: dd.getBoundingClientRect().width,
		KeyOverflow: dt.scrollWidth - dt.clientWidth, ValueLines: lines};
})()`)
	if got.ValueLines != 1 || got.Value < got.Row*0.45 {
		t.Errorf("the value \"gold plan\" takes %d lines in %.0fpx of a %.0fpx row (the key takes %.0fpx); want one line in nearly half the row or more",
			got.ValueLines, got.Value, got.Row, got.Key)
	}
	if got.KeyOverflow > 0 {
		t.Errorf("the key overflows its column by %.0fpx", got.KeyOverflow)
	}
}

// TestBrowserUploadsNeverRunScriptInTheViewsOrigin opens, in the browser,
// uploaded files that hold script (an HTML page, an SVG drawing, an XHTML
// page, and a page the sandbox itself sniffed as HTML) at their data_url,
// on the view's origin, as a person following a link would: none of them
// runs, so none can touch the view's storage, title or API. Each script
// would leave a mark in the origin's localStorage and send a request to
// the sandbox.
func TestBrowserUploadsNeverRunScriptInTheViewsOrigin(t *testing.T) {
	tab := openBrowser(t, browser.Window{Width: 1024, Height: 768})
	s, c := newSandbox(t, Options{})
	id := itoa(c.createConversation())
	mark := func(kind string) string {
		return `localStorage.setItem("pwned", "` + kind + `"); document.title = "pwned"; fetch("/api/pwned-` + kind + `", {keepalive: true});`
	}
	uploads := []file{
		{name: "page.html", contentType: "text/html", data: []byte(`<!doctype html><title>page</title><script>` + mark("html") + `</script>`)},
		{name: "drawing.svg", contentType: "image/svg+xml", data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>` + mark("svg") + `</script></svg>`)},
		{name: "page.xhtml", contentType: "application/xhtml+xml", data: []byte(`<html xmlns="http://www.w3.org/1999/xhtml"><body><script>` + mark("xhtml") + `</script></body></html>`)},
		{name: "page", contentType: "application/octet-stream", data: []byte(`<!doctype html><script>` + mark("sniffed") + `</script>`)},
	}
	msg := c.multipart("/api/v2/accounts/conversations/"+id+"/messages", map[string]string{"content": "files"}, uploads...).expect(t, http.StatusOK).object(t)
	if err := chromedp.Do(tab, chromedp.Navigate(c.base+"/contacts")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.CallBrowser(tab, browserpkg.SetDownloadBehavior, browserpkg.SetDownloadBehaviorParams{Behavior: browserpkg.SetDownloadBehaviorBehaviorDeny}); err != nil {
		t.Fatal(err)
	}
	for i, attachment := range msg["attachments"].([]any) {
		dataURL := attachment.(map[string]any)["data_url"].(string)
		// A download ends the navigation with net::ERR_ABORTED; a page
		// shown in place loads. Either way, no script may run.
		if err := chromedp.Do(tab, chromedp.Navigate(dataURL)); err == nil {
			if title := eval[string](t, tab, `document.title`); title == "pwned" {
				t.Errorf("%s opened at its data_url ran its script", uploads[i].name)
			}
		}
		if err := chromedp.Do(tab, chromedp.Navigate(c.base+"/contacts")); err != nil {
			t.Fatal(err)
		}
		if got := eval[string](t, tab, `localStorage.getItem("pwned") || ""`); got != "" {
			t.Errorf("%s opened at its data_url ran its script in the view's origin (localStorage holds %q)", uploads[i].name, got)
			_ = eval[bool](t, tab, `(localStorage.removeItem("pwned"), true)`)
		}
	}
	time.Sleep(200 * time.Millisecond) // for a script's request, had one been sent
	for key := range s.Snapshot().Requests {
		if strings.Contains(key, "pwned") {
			t.Errorf("an uploaded file's script reached the sandbox: %s", key)
		}
	}
}

package sandbox

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// This file serves the view's live updates as server-sent events. Each
// page has a stream at its path + "/events" that looks at the sandbox every
// liveInterval and sends what changed, drawn by the same templates as the
// page:
//
//   - "replace": a region of the page (the navigation, a list, the
//     conversation's header) whose HTML changed; the script swaps the
//     element with the same id;
//   - "append": a conversation's new message, with the message id as the
//     event id, so that a reconnecting browser resumes after the last one
//     it has (Last-Event-ID);
//   - "stale": the object the page shows is gone or was replaced (after a
//     reset); the script reloads the page.

// liveInterval is how often a stream looks for changes.
const liveInterval = 200 * time.Millisecond

// StopLiveUpdates ends every live-update stream of the view and refuses new
// ones, so that a server can shut down while browsers are looking at it.
// Instance.Close calls it; call it before closing an httptest.Server that
// serves a Server a browser may still have open.
func (s *Server) StopLiveUpdates() {
	s.stopLive.Do(func() { close(s.liveDone) })
}

// serveEvents answers GET on a page's stream.
func (s *Server) serveEvents(route viewRoute) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page, ok := route.build(s.viewSnapshot(), r)
		if !ok {
			http.Error(w, "Not found: the sandbox holds no such object.", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(http.StatusOK)
		st := &liveStream{
			w:       w,
			tmpl:    viewPages[route.page],
			regions: route.regions,
			after:   lastEventID(r),
			sent:    map[string]string{},
		}
		if page.Conversation != nil {
			st.uuid = page.Conversation.UUID
		}
		ticker := time.NewTicker(liveInterval)
		defer ticker.Stop()
		rc := http.NewResponseController(w)
		for {
			if err := st.send(page, ok); err != nil || !ok {
				return
			}
			if rc.Flush() != nil {
				return
			}
			select {
			case <-r.Context().Done():
				return
			case <-s.liveDone:
				return
			case <-ticker.C:
			}
			page, ok = route.build(s.viewSnapshot(), r)
		}
	})
}

// lastEventID is the id of the last message the browser has: the
// Last-Event-ID header of a reconnection, else the after parameter the page
// put in the stream's URL, else 0.
func lastEventID(r *http.Request) int64 {
	v := r.Header.Get("Last-Event-ID")
	if v == "" {
		v = r.URL.Query().Get("after")
	}
	id, _ := strconv.ParseInt(v, 10, 64) // anything else means from the start
	return id
}

// liveStream is the state of one stream: what the browser has been sent.
type liveStream struct {
	w io.Writer
	// tmpl is the page's template set; regions name the parts it redraws.
	tmpl    *template.Template
	regions []string
	// uuid is the conversation's, for a conversation page.
	uuid string
	// after is the id of the newest message sent.
	after int64
	// sent is the last HTML sent for each region.
	sent map[string]string
}

// send writes the events for what changed since the last call; found is
// false when the page's object is gone.
func (st *liveStream) send(page viewPage, found bool) error {
	if !found || (page.Conversation != nil && page.Conversation.UUID != st.uuid) {
		return st.event("stale", "", "")
	}
	for _, region := range st.regions {
		html, err := st.render(region, page)
		if err != nil {
			return err
		}
		if st.sent[region] == html {
			continue
		}
		if err := st.event("replace", "", html); err != nil {
			return err
		}
		st.sent[region] = html
	}
	if page.Conversation == nil {
		return nil
	}
	for _, m := range page.Conversation.Messages {
		if m.ID <= st.after {
			continue
		}
		html, err := st.render("message", m)
		if err != nil {
			return err
		}
		if err := st.event("append", strconv.FormatInt(m.ID, 10), html); err != nil {
			return err
		}
		st.after = m.ID
	}
	return nil
}

// render draws one template of the page's set.
func (st *liveStream) render(name string, data any) (string, error) {
	var buf bytes.Buffer
	if err := st.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		return "", fmt.Errorf("drawing %s: %w", name, err)
	}
	return strings.TrimSpace(buf.String()), nil
}

// event writes one server-sent event. Every line of data gets its own
// "data:" field, whatever its line ending, so that no text can end the
// event early.
func (st *liveStream) event(name, id, data string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "event: %s\n", name)
	if id != "" {
		fmt.Fprintf(&b, "id: %s\n", id)
	}
	data = strings.ReplaceAll(strings.ReplaceAll(data, "\r\n", "\n"), "\r", "\n")
	for _, line := range strings.Split(data, "\n") {
		fmt.Fprintf(&b, "data: %s\n", line)
	}
	b.WriteString("\n")
	_, err := io.WriteString(st.w, b.String())
	return err
}

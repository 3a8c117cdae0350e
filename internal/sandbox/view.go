package sandbox

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"time"
)

// This file serves the inbox view: read-only HTML pages, for people, at the
// root of the server, beside the API and /_sandbox/. Everything that came
// in through the API is rendered by html/template, which escapes it, and
// every answer carries viewCSP, which allows no inline script.

// viewCSP is the Content-Security-Policy of every view answer: only the
// view's own stylesheet, script, images and event stream, nothing inline,
// nothing from another origin, no forms, no frames.
const viewCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

//go:embed view
var viewFiles embed.FS

// viewPages are the page templates, each parsed with the layout and the
// shared parts, by page file name.
var viewPages = parseViewPages("inbox.html", "conversation.html", "contacts.html", "tickets.html")

// parseViewPages parses each named page with layout.html and parts.html.
func parseViewPages(names ...string) map[string]*template.Template {
	pages := map[string]*template.Template{}
	for _, name := range names {
		pages[name] = template.Must(template.New(name).Funcs(viewFuncs).ParseFS(viewFiles,
			"view/templates/layout.html", "view/templates/parts.html", "view/templates/"+name))
	}
	return pages
}

// viewFuncs are the helpers templates call.
var viewFuncs = template.FuncMap{
	"clock":    func(t time.Time) string { return t.UTC().Format("15:04") },
	"datetime": func(t time.Time) string { return t.UTC().Format("Jan 2, 15:04 MST") },
	"iso":      func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"size":     humanSize,
	"unix":     func(seconds int64) time.Time { return time.Unix(seconds, 0) },
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + many
	},
}

// humanSize writes a byte count for people: "512 B", "12.3 KB", "4.0 MB".
func humanSize(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
	}
}

// viewRoute is a page of the view: the template that draws it, the parts
// of it (templates of parts.html, each drawing one element with an id) that
// its stream redraws when they change, and how to build it from the
// sandbox's data; build answers false for an unknown object.
type viewRoute struct {
	page    string
	regions []string
	build   func(d viewData, r *http.Request) (viewPage, bool)
}

// viewRoutes registers the pages, their live-update streams and the static
// files.
func (s *Server) viewRoutes() {
	inboxRegions := []string{"site-nav", "conversation-list"}
	pages := map[string]viewRoute{
		"/{$}":                {"inbox.html", inboxRegions, buildFirstInboxPage},
		"/inboxes/{id}":       {"inbox.html", inboxRegions, buildInboxPage},
		"/conversations/{id}": {"conversation.html", append(inboxRegions, "conversation-header"), buildConversationPage},
		"/contacts":           {"contacts.html", []string{"site-nav", "contact-list"}, buildContactsPage},
		"/tickets":            {"tickets.html", []string{"site-nav", "ticket-list"}, buildTicketsPage},
	}
	for path, route := range pages {
		s.mux.Handle("GET "+path, viewHeaders(s.servePage(route)))
	}
	for path, route := range pages {
		if path == "/{$}" {
			continue // the root's page streams as its inbox's
		}
		s.mux.Handle("GET "+path+"/events", viewHeaders(s.serveEvents(route)))
	}
	static, _ := fs.Sub(viewFiles, "view/static") // the directory is embedded: never fails
	s.mux.Handle("GET /static/", viewHeaders(http.StripPrefix("/static/", http.FileServerFS(static))))
}

// viewHeaders sets the security headers of every view answer.
func viewHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", viewCSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		next.ServeHTTP(w, r)
	})
}

// servePage answers GET on a page: the whole HTML document.
func (s *Server) servePage(route viewRoute) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page, ok := route.build(s.viewSnapshot(), r)
		if !ok {
			http.Error(w, "Not found: the sandbox holds no such object (it may have been reset).", http.StatusNotFound)
			return
		}
		var buf bytes.Buffer
		if err := viewPages[route.page].ExecuteTemplate(&buf, "layout", page); err != nil {
			http.Error(w, "The page could not be drawn: "+err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = buf.WriteTo(w)
	})
}

// buildFirstInboxPage is the root page: the first inbox's conversations.
func buildFirstInboxPage(d viewData, _ *http.Request) (viewPage, bool) {
	return inboxPage(d, d.inboxes[0].ID)
}

// buildInboxPage is an inbox's conversation list.
func buildInboxPage(d viewData, r *http.Request) (viewPage, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return viewPage{}, false
	}
	return inboxPage(d, id)
}

// inboxPage builds the page of the inbox with the given id.
func inboxPage(d viewData, id int64) (viewPage, bool) {
	inbox, ok := d.inbox(id)
	if !ok {
		return viewPage{}, false
	}
	return viewPage{
		Title:  "Inbox " + inbox.Name,
		Events: fmt.Sprintf("/inboxes/%d/events", id),
		Nav:    d.nav(fmt.Sprintf("inbox:%d", id)),
		Inbox:  inbox,
	}, true
}

// buildConversationPage is a conversation as a chat, beside its inbox's
// conversation list.
func buildConversationPage(d viewData, r *http.Request) (viewPage, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return viewPage{}, false
	}
	conv, ok := d.conversation(id)
	if !ok {
		return viewPage{}, false
	}
	inbox, _ := d.inbox(conv.InboxID) // nil for an inbox no longer configured
	if inbox != nil {
		inbox.Current = id
	}
	return viewPage{
		Title:        fmt.Sprintf("Conversation #%d with %s", id, conv.Contact.Name),
		Events:       fmt.Sprintf("/conversations/%d/events?after=%d", id, lastMessageID(conv.Messages)),
		Nav:          d.nav(fmt.Sprintf("inbox:%d", conv.InboxID)),
		Inbox:        inbox,
		Conversation: conv,
	}, true
}

// buildContactsPage lists the contacts.
func buildContactsPage(d viewData, _ *http.Request) (viewPage, bool) {
	return viewPage{Title: "Contacts", Events: "/contacts/events", Nav: d.nav("contacts"), Contacts: d.allContacts()}, true
}

// buildTicketsPage lists the tickets.
func buildTicketsPage(d viewData, _ *http.Request) (viewPage, bool) {
	return viewPage{Title: "Tickets", Events: "/tickets/events", Nav: d.nav("tickets"), Tickets: d.tickets}, true
}

// lastMessageID is the id of the newest of messages, or 0.
func lastMessageID(messages []viewMessage) int64 {
	if len(messages) == 0 {
		return 0
	}
	return messages[len(messages)-1].ID
}

// ViewURL is the address of the inbox view, the root of the server.
func (i *Instance) ViewURL() string { return i.URL + "/" }

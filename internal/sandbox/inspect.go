package sandbox

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// This file serves /_sandbox/: inspection and behind-the-back changes for
// tests, demos and benchmarks. These paths are not LiveDesk API: they need
// no credentials, and faults and counters ignore them.

// inspectState answers GET /_sandbox/state: the State as JSON, or with
// ?format=text a short human-readable listing.
func (s *Server) inspectState(r *http.Request) (any, *apiError) {
	st := s.Snapshot()
	switch format := r.URL.Query().Get("format"); format {
	case "", "json":
		return st, nil
	case "text":
		return textBody(formatState(st)), nil
	default:
		return nil, unprocessable("Invalid format %q: must be json or text", format)
	}
}

// inspectReset answers POST /_sandbox/reset: see Reset for what is kept.
func (s *Server) inspectReset(*http.Request) (any, *apiError) {
	s.Reset()
	return map[string]bool{"reset": true}, nil
}

// inspectFaults answers GET /_sandbox/faults.
func (s *Server) inspectFaults(*http.Request) (any, *apiError) {
	return s.Faults(), nil
}

// inspectSetFaults answers PUT /_sandbox/faults: the body replaces every
// fault (absent fields are zero).
func (s *Server) inspectSetFaults(r *http.Request) (any, *apiError) {
	var f Faults
	if err := decodeJSON(r, &f); err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, unprocessable("%v", strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	s.SetFaults(f)
	return f, nil
}

// inspectEditContact answers PATCH /_sandbox/contacts/{id}: like the API's
// PATCH (blocked included), but custom_attributes, when present, replace
// the contact's, and the answer is the bare contact.
func (s *Server) inspectEditContact(r *http.Request) (any, *apiError) {
	c, err := s.patchContact(r, replaceCustomAttributes)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// inspectDeleteContact answers DELETE /_sandbox/contacts/{id}.
func (s *Server) inspectDeleteContact(r *http.Request) (any, *apiError) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	if err := s.removeContact(id); err != nil {
		return nil, err
	}
	return map[string]any{"id": id, "deleted": true}, nil
}

// formatState renders a State for people.
func formatState(st State) string {
	var b strings.Builder
	fmt.Fprintf(&b, "contacts (%d):\n", len(st.Contacts))
	for _, c := range st.Contacts {
		fmt.Fprintf(&b, "  #%d %q email=%s phone=%s identifier=%s inbox=%d source_id=%s custom_attributes=%v\n",
			c.ID, c.Name, orDash(c.Email), orDash(c.PhoneNumber), orDash(c.Identifier), c.InboxID, c.SourceID, c.CustomAttributes)
	}
	fmt.Fprintf(&b, "conversations (%d):\n", len(st.Conversations))
	for _, c := range st.Conversations {
		fmt.Fprintf(&b, "  #%d status=%s inbox=%d contact=#%d source_id=%s", c.ID, c.Status, c.InboxID, c.ContactID, c.SourceID)
		if c.SnoozedUntil != nil {
			fmt.Fprintf(&b, " snoozed_until=%d", *c.SnoozedUntil)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "messages (%d):\n", len(st.Messages))
	for _, m := range st.Messages {
		fmt.Fprintf(&b, "  #%d conversation=#%d %s %q", m.ID, m.ConversationID, m.MessageType, m.Content)
		if m.InReplyTo != nil {
			fmt.Fprintf(&b, " in_reply_to=#%d", *m.InReplyTo)
		}
		if m.Private {
			b.WriteString(" private")
		}
		b.WriteString("\n")
		for _, a := range m.Attachments {
			fmt.Fprintf(&b, "    attachment #%d %s (%s, %d bytes)\n", a.ID, a.FileName, a.ContentType, a.Size)
		}
	}
	formatTickets(&b, st.Tickets)
	writeCounts(&b, "requests", st.Requests)
	writeCounts(&b, "responses", st.Responses)
	fmt.Fprintf(&b, "connections: %d\n", st.Connections)
	return b.String()
}

// writeCounts lists a counter map, sorted by key.
func writeCounts(b *strings.Builder, title string, counts map[string]int) {
	fmt.Fprintf(b, "%s:\n", title)
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		fmt.Fprintf(b, "  %s: %d\n", k, counts[k])
	}
}

// orDash shows an empty string as "-".
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

package sandbox

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// contactsPerPage is LiveDesk's fixed page size for contact lists.
const contactsPerPage = 15

// createContactBody is the body of POST /contacts.
type createContactBody struct {
	InboxID          flexibleID        `json:"inbox_id"`
	Name             string            `json:"name"`
	Email            string            `json:"email"`
	PhoneNumber      string            `json:"phone_number"`
	AvatarURL        string            `json:"avatar_url"`
	Identifier       string            `json:"identifier"`
	Blocked          bool              `json:"blocked"`
	CustomAttributes map[string]string `json:"custom_attributes"`
	SourceID         string            `json:"source_id"`
}

// createContact answers POST /contacts.
func (s *Server) createContact(r *http.Request) (any, *apiError) {
	var body createContactBody
	if err := decodeJSON(r, &body); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	inbox, err := s.requiredInbox(body.InboxID)
	if err != nil {
		return nil, err
	}
	c, err := s.addContactLocked(ContactInput{
		InboxID:          inbox.ID,
		Name:             body.Name,
		Email:            body.Email,
		PhoneNumber:      body.PhoneNumber,
		AvatarURL:        body.AvatarURL,
		Identifier:       body.Identifier,
		Blocked:          body.Blocked,
		CustomAttributes: body.CustomAttributes,
		SourceID:         body.SourceID,
	}, s.nowLocked())
	if err != nil {
		return nil, err
	}
	var out createContactJSON
	out.Payload.Contact = renderContact(c, true)
	out.Payload.ContactInbox = out.Payload.Contact.ContactInboxes[0]
	return out, nil
}

// updateContact answers PATCH /contacts/{id}: present fields change, custom
// attributes merge, and the answer is the contact in a "payload" envelope
// (Chatwoot's contacts/update.json.jbuilder), unlike create's
// payload.contact.
func (s *Server) updateContact(r *http.Request) (any, *apiError) {
	c, err := s.patchContact(r, mergeCustomAttributes)
	if err != nil {
		return nil, err
	}
	return updateContactJSON{Payload: c}, nil
}

// patchContact applies a PATCH body to the {id} contact and renders the
// result.
func (s *Server) patchContact(r *http.Request, mode customAttributesMode) (contactJSON, *apiError) {
	id, err := pathID(r)
	if err != nil {
		return contactJSON{}, err
	}
	var patch contactPatch
	if err := decodeJSON(r, &patch); err != nil {
		return contactJSON{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.editContactLocked(id, patch, mode)
	if err != nil {
		return contactJSON{}, err
	}
	return renderContact(c, true), nil
}

// sortKey is one of Chatwoot's contact sort keys (the sort_on list of
// contacts_controller.rb): how two non-null values compare in ascending
// order, which contacts have no value (SQL NULL), and whether those come
// last in both directions (the NULLS LAST of the model's order_on_*
// scopes) or, as PostgreSQL does by default, last ascending and first
// descending.
type sortKey struct {
	compare   func(a, b *contactRecord) int
	null      func(c *contactRecord) bool
	nullsLast bool
}

// contactSortKeys are the keys Chatwoot's sort parameter accepts. The
// sandbox stores no company, city or country, so under those keys every
// contact is NULL and the order falls back to the ID.
var contactSortKeys = map[string]sortKey{
	"email":            {compare: byField(func(c *contactRecord) string { return c.Email }), null: noField(func(c *contactRecord) string { return c.Email })},
	"phone_number":     {compare: byField(func(c *contactRecord) string { return c.PhoneNumber }), null: noField(func(c *contactRecord) string { return c.PhoneNumber })},
	"name":             {compare: byField(func(c *contactRecord) string { return strings.ToLower(c.Name) }), null: func(*contactRecord) bool { return false }},
	"last_activity_at": {compare: func(a, b *contactRecord) int { return cmp.Compare(a.lastActivityAt, b.lastActivityAt) }, null: func(*contactRecord) bool { return false }, nullsLast: true},
	"created_at":       {compare: func(a, b *contactRecord) int { return cmp.Compare(a.CreatedAt, b.CreatedAt) }, null: func(*contactRecord) bool { return false }, nullsLast: true},
	"company_name":     {compare: unordered, null: always, nullsLast: true},
	"city":             {compare: unordered, null: always, nullsLast: true},
	"country":          {compare: unordered, null: always, nullsLast: true},
}

// unordered compares every pair of contacts equal.
func unordered(_, _ *contactRecord) int { return 0 }

// always is the null test of a field the sandbox does not store.
func always(*contactRecord) bool { return true }

// byField compares contacts by a string field, byte-wise as PostgreSQL's C
// collation does.
func byField(field func(*contactRecord) string) func(a, b *contactRecord) int {
	return func(a, b *contactRecord) int { return cmp.Compare(field(a), field(b)) }
}

// noField is the null test of a string field stored as NULL when empty.
func noField(field func(*contactRecord) string) func(*contactRecord) bool {
	return func(c *contactRecord) bool { return field(c) == "" }
}

// listContacts answers GET /contacts. Without q it is Chatwoot's index:
// only contacts with an email, phone number or identifier are listed
// (Contact.resolved_contacts). With q it is Chatwoot's search, which
// LiveDesk documents on this path: every contact whose name, email or phone
// number contains q case-insensitively, whose identifier contains it
// exactly, or, for a numeric q, whose ID is q. Both take the labels
// filter, the sort parameter and 15 contacts per page; direction is
// ignored, as Chatwoot ignores it.
func (s *Server) listContacts(r *http.Request) (any, *apiError) {
	query := r.URL.Query()
	order := contactOrder(query.Get("sort"))
	page, currentPage := pageParam(query)
	withInboxes := !query.Has("include_contact_inboxes") || query.Get("include_contact_inboxes") == "true"
	q := strings.TrimSpace(query.Get("q"))

	s.mu.Lock()
	defer s.mu.Unlock()
	var matches []*contactRecord
	if !hasLabels(query) { // sandbox contacts carry no labels
		for _, c := range s.data.contacts {
			if (q == "" && listed(c)) || (q != "" && contactMatches(c, q)) {
				matches = append(matches, c)
			}
		}
	}
	slices.SortFunc(matches, order)
	out := contactListJSON{Payload: []contactJSON{}}
	out.Meta.Count = len(matches)
	out.Meta.CurrentPage = currentPage
	for _, c := range paginate(matches, page, contactsPerPage) {
		out.Payload = append(out.Payload, renderContact(c, withInboxes))
	}
	return out, nil
}

// listed reports whether the index lists the contact: Chatwoot's
// resolved_contacts, those with an email, phone number or identifier.
func listed(c *contactRecord) bool {
	return c.Email != "" || c.PhoneNumber != "" || c.Identifier != ""
}

// contactOrder builds the comparison for Chatwoot's sort parameter: a key,
// "-"-prefixed for descending. An unknown or missing key sorts nothing, as
// Chatwoot ignores it; Chatwoot then has no ORDER BY at all, while the
// sandbox orders by ID, which is also its tie-break under every key.
func contactOrder(sort string) func(a, b *contactRecord) int {
	descending := strings.HasPrefix(sort, "-")
	key, known := contactSortKeys[strings.TrimPrefix(sort, "-")]
	return func(a, b *contactRecord) int {
		c := 0
		if known {
			c = key.order(a, b, descending)
		}
		return cmp.Or(c, cmp.Compare(a.ID, b.ID))
	}
}

// order compares a and b under the key in the given direction.
func (k sortKey) order(a, b *contactRecord, descending bool) int {
	aNull, bNull := k.null(a), k.null(b)
	switch {
	case aNull && bNull:
		return 0
	case aNull || bNull:
		last := 1 // the null one
		if descending && !k.nullsLast {
			last = -1
		}
		if bNull {
			return -last
		}
		return last
	case descending:
		return -k.compare(a, b)
	default:
		return k.compare(a, b)
	}
}

// contactMatches reports whether a search for q finds the contact: q is a
// case-insensitive substring of its name, email or phone number, a
// case-sensitive substring of its identifier (Chatwoot uses LIKE there),
// or, when numeric, its ID.
func contactMatches(c *contactRecord, q string) bool {
	if id, err := strconv.ParseInt(q, 10, 64); err == nil && id == c.ID {
		return true
	}
	lower := strings.ToLower(q)
	return strings.Contains(c.Identifier, q) || slices.ContainsFunc([]string{c.Name, c.Email, c.PhoneNumber}, func(field string) bool {
		return strings.Contains(strings.ToLower(field), lower)
	})
}

// hasLabels reports whether the query filters on labels (labels=... or labels[]=...).
func hasLabels(query url.Values) bool {
	return slices.ContainsFunc(append(query["labels"], query["labels[]"]...), func(l string) bool { return l != "" })
}

// pageParam returns the page to show (invalid or missing pages are page 1)
// and the current_page to echo: the raw parameter when sent, else 1.
func pageParam(query url.Values) (int, any) {
	if !query.Has("page") {
		return 1, 1
	}
	raw := query.Get("page")
	page, err := strconv.Atoi(raw)
	if err != nil || page < 1 {
		page = 1
	}
	return page, raw
}

// paginate returns the 1-based page of items, size per page.
func paginate[T any](items []T, page, size int) []T {
	pages := (len(items) + size - 1) / size
	if page > pages {
		return nil
	}
	start := (page - 1) * size
	return items[start:min(start+size, len(items))]
}

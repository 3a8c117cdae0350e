package sandbox

import (
	"cmp"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
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
	CustomAttributes map[string]string `json:"custom_attributes"`
	SourceID         string            `json:"source_id"`
}

// createContact answers POST /contacts.
func (s *Server) createContact(r *http.Request) (any, *apiError) {
	var body createContactBody
	if err := decodeJSON(r, &body); err != nil {
		return nil, err
	}
	inbox, err := s.requiredInbox(body.InboxID)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.addContactLocked(ContactInput{
		InboxID:          inbox.ID,
		Name:             body.Name,
		Email:            body.Email,
		PhoneNumber:      body.PhoneNumber,
		AvatarURL:        body.AvatarURL,
		Identifier:       body.Identifier,
		CustomAttributes: body.CustomAttributes,
		SourceID:         body.SourceID,
	}, time.Now())
	if err != nil {
		return nil, err
	}
	var out createContactJSON
	out.Payload.Contact = renderContact(c, true)
	out.Payload.ContactInbox = out.Payload.Contact.ContactInboxes[0]
	return out, nil
}

// updateContact answers PATCH /contacts/{id}: present fields change, custom
// attributes merge, and the answer is the bare contact object.
func (s *Server) updateContact(r *http.Request) (any, *apiError) {
	return s.patchContact(r, mergeCustomAttributes)
}

// patchContact applies a PATCH body to the {id} contact.
func (s *Server) patchContact(r *http.Request, mode customAttributesMode) (any, *apiError) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	var patch contactPatch
	if err := decodeJSON(r, &patch); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.editContactLocked(id, patch, mode)
	if err != nil {
		return nil, err
	}
	return renderContact(c, true), nil
}

// contactSortKeys are the sort parameters the API documents, each with its
// comparison. The sandbox stores no company, city or country, so those
// compare equal.
var contactSortKeys = map[string]func(a, b *contactRecord) int{
	"email":            byFold(func(c *contactRecord) string { return c.Email }),
	"name":             byFold(func(c *contactRecord) string { return c.Name }),
	"phone_number":     byFold(func(c *contactRecord) string { return c.PhoneNumber }),
	"last_activity_at": func(a, b *contactRecord) int { return cmp.Compare(a.lastActivityAt, b.lastActivityAt) },
	"created_at":       func(a, b *contactRecord) int { return cmp.Compare(a.CreatedAt, b.CreatedAt) },
	"company":          unordered,
	"city":             unordered,
	"country":          unordered,
}

// unordered compares every pair of contacts equal.
func unordered(_, _ *contactRecord) int { return 0 }

// byFold compares contacts by a string field, case-insensitively.
func byFold(field func(*contactRecord) string) func(a, b *contactRecord) int {
	return func(a, b *contactRecord) int {
		return cmp.Compare(strings.ToLower(field(a)), strings.ToLower(field(b)))
	}
}

// listContacts answers GET /contacts: optional search (q), label filter,
// sort and direction, 15 per page.
func (s *Server) listContacts(r *http.Request) (any, *apiError) {
	query := r.URL.Query()
	order, err := contactOrder(query.Get("sort"), query.Get("direction"))
	if err != nil {
		return nil, err
	}
	page, currentPage := pageParam(query)
	withInboxes := !query.Has("include_contact_inboxes") || query.Get("include_contact_inboxes") == "true"

	s.mu.Lock()
	defer s.mu.Unlock()
	var matches []*contactRecord
	if !hasLabels(query) { // sandbox contacts carry no labels
		for _, c := range s.data.contacts {
			if contactMatches(c, query.Get("q")) {
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

// contactOrder builds the comparison for sort (optionally "-"-prefixed for
// descending) and direction (asc or desc). Ties, and no sort, order by ID.
func contactOrder(sort, direction string) (func(a, b *contactRecord) int, *apiError) {
	descending := strings.HasPrefix(sort, "-")
	sort = strings.TrimPrefix(sort, "-")
	switch direction {
	case "", "asc":
	case "desc":
		descending = true
	default:
		return nil, unprocessable("Invalid direction %q: must be asc or desc", direction)
	}
	byKey := unordered
	if sort != "" {
		var ok bool
		if byKey, ok = contactSortKeys[sort]; !ok {
			return nil, unprocessable("Invalid sort %q: must be one of %s", sort, strings.Join(slices.Sorted(maps.Keys(contactSortKeys)), ", "))
		}
	}
	return func(a, b *contactRecord) int {
		c := byKey(a, b)
		if descending {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(a.ID, b.ID))
	}, nil
}

// contactMatches reports whether q is a case-insensitive substring of the
// contact's name, email, phone number or identifier, or, when numeric, its
// ID. An empty q matches every contact.
func contactMatches(c *contactRecord, q string) bool {
	if q == "" {
		return true
	}
	if id, err := strconv.ParseInt(q, 10, 64); err == nil && id == c.ID {
		return true
	}
	q = strings.ToLower(q)
	return slices.ContainsFunc([]string{c.Name, c.Email, c.PhoneNumber, c.Identifier}, func(field string) bool {
		return strings.Contains(strings.ToLower(field), q)
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

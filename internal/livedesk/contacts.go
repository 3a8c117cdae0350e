package livedesk

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// ContactsPageSize is the fixed number of contacts LiveDesk returns per page.
const ContactsPageSize = 15

// maxContactPages bounds a walk through the contact list, so that a server
// that never returns a short page cannot keep the client looping.
const maxContactPages = 2000

// ContactsService creates, updates, lists and searches contacts.
type ContactsService struct {
	client *Client
}

// Contact is a contact as the create, update, list and search answers
// carry it.
type Contact struct {
	ID          Int64  `json:"id"`
	Name        string `json:"name"`
	Email       string `json:"email"`
	PhoneNumber string `json:"phone_number"`
	Identifier  string `json:"identifier"`
	// Thumbnail is the avatar LiveDesk shows ("" when there is none).
	Thumbnail        string           `json:"thumbnail"`
	Blocked          bool             `json:"blocked"`
	CustomAttributes CustomAttributes `json:"custom_attributes"`
	ContactInboxes   []ContactInbox   `json:"contact_inboxes"`
	CreatedAt        Timestamp        `json:"created_at"`
	LastActivityAt   Timestamp        `json:"last_activity_at"`
}

// ContactInbox links a contact to an inbox under a source id, which is
// what creating a conversation with source_id refers to.
type ContactInbox struct {
	SourceID string        `json:"source_id"`
	Inbox    *InboxSummary `json:"inbox"`
}

// InboxSummary is the part of an inbox a contact-inbox carries.
type InboxSummary struct {
	ID   Int64  `json:"id"`
	Name string `json:"name"`
}

// CustomAttributes are a contact's custom attributes. Values the API sends
// as numbers or booleans are kept as their JSON text.
type CustomAttributes map[string]string

// UnmarshalJSON accepts an object of any JSON values, and null.
func (c *CustomAttributes) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("livedesk: custom_attributes: %w", err)
	}
	if raw == nil {
		*c = nil
		return nil
	}
	out := make(CustomAttributes, len(raw))
	for k, v := range raw {
		if text := rawText(v); text != "" || string(v) == `""` {
			out[k] = text
		}
	}
	*c = out
	return nil
}

// SourceIDFor returns the contact's source id in the given inbox, or "".
func (c *Contact) SourceIDFor(inboxID int64) string {
	for _, ci := range c.ContactInboxes {
		if ci.Inbox != nil && int64(ci.Inbox.ID) == inboxID {
			return ci.SourceID
		}
	}
	return ""
}

// ContactFields are a contact's writable fields. Nil fields are left out of
// the request, so an update changes only what is set.
type ContactFields struct {
	Name        *string `json:"name,omitempty"`
	Email       *string `json:"email,omitempty"`
	PhoneNumber *string `json:"phone_number,omitempty"`
	AvatarURL   *string `json:"avatar_url,omitempty"`
	Identifier  *string `json:"identifier,omitempty"`
	// CustomAttributes are merged into the contact's: keys not sent are
	// kept, and LiveDesk offers no way to remove one.
	CustomAttributes map[string]string `json:"custom_attributes,omitempty"`
}

// CreateContactRequest is the body of POST /api/v2/accounts/contacts.
type CreateContactRequest struct {
	// InboxID is the API-channel inbox the contact is created in. Required.
	InboxID int64 `json:"inbox_id"`
	ContactFields
}

// CreatedContact is the answer to a contact creation.
type CreatedContact struct {
	Contact Contact
	// SourceID is the contact's source id in the inbox it was created in.
	SourceID string
}

// ContactList is one page of a list or search: at most ContactsPageSize
// contacts. Find walks the pages.
type ContactList struct {
	Contacts []Contact
	// Count is what meta.count says: the total number of matches for a
	// list, but possibly only this page's count for a search.
	Count int64
	// Page is the page number the answer reports.
	Page int64
}

// ListContactsOptions filters and orders a contact list.
type ListContactsOptions struct {
	// Query searches name, email, phone number and identifier by substring.
	Query string
	// Page is the 1-based page; 0 means the first.
	Page int
	// Labels keeps contacts with any of these labels.
	Labels []string
	// Sort is one of ContactSortFields; "" means DefaultContactSort.
	// Without an order the server pages an unordered query, so that a walk
	// through the pages can skip or repeat contacts: every list is sorted.
	Sort string
	// Descending reverses the order.
	Descending bool
}

// DefaultContactSort is the order of a list that asks for none: by
// creation time, which rarely ties, and which puts contacts created during
// a walk through the pages on its last page rather than shifting the
// pages already read.
const DefaultContactSort = "created_at"

// ContactSortFields are the sort keys the server accepts (the sort_on list
// of Chatwoot's contacts controller); it ignores any other key.
var ContactSortFields = []string{"email", "name", "phone_number", "last_activity_at", "created_at", "company_name", "city", "country"}

// sortParam is the sort query parameter: the key, with a leading "-" for
// descending. The server ignores a "direction" parameter.
func (o ListContactsOptions) sortParam() string {
	key := o.Sort
	if key == "" {
		key = DefaultContactSort
	}
	if o.Descending {
		return "-" + key
	}
	return key
}

// Create creates a contact in an inbox (POST /api/v2/accounts/contacts).
// Like every create it is sent once; an ambiguous failure is returned.
func (s *ContactsService) Create(ctx context.Context, req CreateContactRequest) (*CreatedContact, error) {
	body, err := jsonBody(req)
	if err != nil {
		return nil, err
	}
	var out struct {
		Payload struct {
			Contact      Contact      `json:"contact"`
			ContactInbox ContactInbox `json:"contact_inbox"`
		} `json:"payload"`
	}
	const path = "/api/v2/accounts/contacts"
	if err := s.client.create(ctx, path, body, &out); err != nil {
		return nil, err
	}
	if out.Payload.Contact.ID <= 0 {
		return nil, missingID(path)
	}
	created := &CreatedContact{Contact: out.Payload.Contact, SourceID: out.Payload.ContactInbox.SourceID}
	if created.SourceID == "" {
		created.SourceID = created.Contact.SourceIDFor(req.InboxID)
	}
	return created, nil
}

// Update changes the set fields of a contact
// (PATCH /api/v2/accounts/contacts/{id}) and returns the contact.
func (s *ContactsService) Update(ctx context.Context, id int64, fields ContactFields) (*Contact, error) {
	body, err := jsonBody(fields)
	if err != nil {
		return nil, err
	}
	// The answer is {"payload": contact} (Chatwoot's update view). A bare
	// contact and create's {"payload": {"contact": ...}} are accepted too.
	var out struct {
		Contact
		Payload *struct {
			Contact
			Nested *Contact `json:"contact"`
		} `json:"payload"`
	}
	if err := s.client.do(ctx, http.MethodPatch, "/api/v2/accounts/contacts/"+strconv.FormatInt(id, 10), body, &out); err != nil {
		return nil, err
	}
	switch {
	case out.Payload == nil:
		return &out.Contact, nil
	case out.Payload.Nested != nil:
		return out.Payload.Nested, nil
	default:
		return &out.Payload.Contact, nil
	}
}

// List returns one page of contacts (GET /api/v2/accounts/contacts), always
// with an explicit sort.
func (s *ContactsService) List(ctx context.Context, opts ListContactsOptions) (*ContactList, error) {
	query := url.Values{}
	if opts.Query != "" {
		query.Set("q", opts.Query)
	}
	if opts.Page > 0 {
		query.Set("page", strconv.Itoa(opts.Page))
	}
	for _, label := range opts.Labels {
		query.Add("labels[]", label)
	}
	query.Set("sort", opts.sortParam())
	path := "/api/v2/accounts/contacts"
	if len(query) > 0 {
		path += "?" + query.Encode()
	}
	var out struct {
		Meta struct {
			Count       Int64 `json:"count"`
			CurrentPage Int64 `json:"current_page"`
		} `json:"meta"`
		Payload []Contact `json:"payload"`
	}
	if err := s.client.do(ctx, http.MethodGet, path, nil, &out); err != nil {
		return nil, err
	}
	return &ContactList{Contacts: out.Payload, Count: int64(out.Meta.Count), Page: int64(out.Meta.CurrentPage)}, nil
}

// Find walks every page of a list or search and returns the contacts for
// which keep is true, up to limit of them (0 means no limit). LiveDesk's
// search matches substrings, so callers that need an exact match say so
// in keep. A contact seen on an earlier page is skipped; the walk ends at
// a short page or a page with nothing new, and fails after maxContactPages.
func (s *ContactsService) Find(ctx context.Context, opts ListContactsOptions, limit int, keep func(Contact) bool) ([]Contact, error) {
	var found []Contact
	seen := map[Int64]bool{}
	for page := 1; page <= maxContactPages; page++ {
		opts.Page = page
		list, err := s.List(ctx, opts)
		if err != nil {
			return nil, err
		}
		fresh := 0
		for _, c := range list.Contacts {
			if seen[c.ID] {
				continue
			}
			seen[c.ID] = true
			fresh++
			if keep == nil || keep(c) {
				found = append(found, c)
				if limit > 0 && len(found) == limit {
					return found, nil
				}
			}
		}
		// A short page is the last; a page of nothing new means the
		// server ignores page, and walking on would loop.
		if len(list.Contacts) < ContactsPageSize || fresh == 0 {
			return found, nil
		}
	}
	return found, fmt.Errorf("livedesk: stopped listing contacts after %d pages", maxContactPages)
}

package sandbox

import (
	"maps"
	"net/http"
	"strings"
	"time"
)

// ContactInput describes a contact for AddContact and EditContact.
type ContactInput struct {
	// InboxID is the inbox the contact is created in (AddContact only; 0
	// means the first configured inbox).
	InboxID int64
	// Name, Email, PhoneNumber, AvatarURL and Identifier are the contact's
	// fields; "" means unset. Email is stored lower-case.
	Name, Email, PhoneNumber, AvatarURL, Identifier string
	// CustomAttributes are the contact's custom attributes.
	CustomAttributes map[string]string
	// SourceID is the source ID of the contact-inbox link (AddContact only;
	// "" means a generated UUID).
	SourceID string
}

// contactPatch is a partial update of a contact: only present fields change.
type contactPatch struct {
	Name        optionalString `json:"name"`
	Email       optionalString `json:"email"`
	PhoneNumber optionalString `json:"phone_number"`
	AvatarURL   optionalString `json:"avatar_url"`
	Identifier  optionalString `json:"identifier"`
	// CustomAttributes is nil when absent or null.
	CustomAttributes map[string]string `json:"custom_attributes"`
}

// AddContact creates a contact and its contact-inbox as the API would, for
// test fixtures. The error, if any, carries the API's message (unknown inbox,
// duplicate email, identifier or source ID).
func (s *Server) AddContact(in ContactInput) (Contact, error) {
	if in.InboxID == 0 {
		in.InboxID = s.inboxes[0].ID
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.addContactLocked(in, time.Now())
	if err != nil {
		return Contact{}, err
	}
	return c.copy(), nil
}

// EditContact changes a contact behind the API's back, as an agent would in
// the console: every field, custom attributes included, is replaced by in's
// (InboxID and SourceID are ignored). Uniqueness rules still apply.
func (s *Server) EditContact(id int64, in ContactInput) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.editContactLocked(id, contactPatch{
		Name:             presentString(in.Name),
		Email:            presentString(in.Email),
		PhoneNumber:      presentString(in.PhoneNumber),
		AvatarURL:        presentString(in.AvatarURL),
		Identifier:       presentString(in.Identifier),
		CustomAttributes: nonNil(in.CustomAttributes),
	}, replaceCustomAttributes)
	return asError(err)
}

// DeleteContact deletes a contact and its contact-inbox links behind the
// API's back. Its conversations and messages are kept.
func (s *Server) DeleteContact(id int64) error {
	return asError(s.removeContact(id))
}

// removeContact deletes a contact, or answers 404.
func (s *Server) removeContact(id int64) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.data.contacts[id]; !ok {
		return notFound()
	}
	delete(s.data.contacts, id)
	return nil
}

// addContactLocked validates and stores a new contact; s.mu must be held.
func (s *Server) addContactLocked(in ContactInput, now time.Time) (*contactRecord, *apiError) {
	inbox, ok := s.inbox(in.InboxID)
	if !ok {
		return nil, notFound()
	}
	email := strings.ToLower(in.Email)
	if err := s.data.uniquenessErrors(0, email, in.Identifier); err != nil {
		return nil, err
	}
	if in.SourceID == "" {
		in.SourceID = newUUID()
	} else if _, taken := s.data.linkedContact(inbox.ID, in.SourceID); taken {
		return nil, &apiError{status: http.StatusUnprocessableEntity, message: "Source has already been taken", attributes: []string{"source_id"}}
	}
	c := &contactRecord{
		Contact: Contact{
			ID:               s.data.contactIDs.next(),
			InboxID:          inbox.ID,
			Name:             in.Name,
			Email:            email,
			PhoneNumber:      in.PhoneNumber,
			AvatarURL:        in.AvatarURL,
			Identifier:       in.Identifier,
			CustomAttributes: nonNil(maps.Clone(in.CustomAttributes)),
			SourceID:         in.SourceID,
			CreatedAt:        now.Unix(),
		},
		inboxes:        []contactInbox{{inbox: inbox, sourceID: in.SourceID}},
		lastActivityAt: now.Unix(),
	}
	s.data.contacts[c.ID] = c
	return c, nil
}

// customAttributesMode says how a patch's custom attributes apply.
type customAttributesMode int

const (
	// mergeCustomAttributes adds and changes keys, never removes any (the API).
	mergeCustomAttributes customAttributesMode = iota
	// replaceCustomAttributes sets exactly the given keys (behind-the-back edits).
	replaceCustomAttributes
)

// editContactLocked applies a patch; s.mu must be held.
func (s *Server) editContactLocked(id int64, p contactPatch, mode customAttributesMode) (*contactRecord, *apiError) {
	c, ok := s.data.contacts[id]
	if !ok {
		return nil, notFound()
	}
	next := c.Contact
	apply := func(dst *string, o optionalString) {
		if o.set {
			*dst = o.value
		}
	}
	apply(&next.Name, p.Name)
	apply(&next.Email, p.Email)
	apply(&next.PhoneNumber, p.PhoneNumber)
	apply(&next.AvatarURL, p.AvatarURL)
	apply(&next.Identifier, p.Identifier)
	next.Email = strings.ToLower(next.Email)
	if err := s.data.uniquenessErrors(id, next.Email, next.Identifier); err != nil {
		return nil, err
	}
	switch {
	case p.CustomAttributes == nil:
	case mode == replaceCustomAttributes:
		next.CustomAttributes = maps.Clone(p.CustomAttributes)
	default:
		next.CustomAttributes = maps.Clone(c.CustomAttributes)
		maps.Copy(next.CustomAttributes, p.CustomAttributes)
	}
	c.Contact = next
	return c, nil
}

// uniquenessErrors returns the 422 LiveDesk gives when another contact than
// except already has the email or identifier (both compared
// case-insensitively), or nil.
func (d *store) uniquenessErrors(except int64, email, identifier string) *apiError {
	var messages, attributes []string
	taken := func(value string, field func(*contactRecord) string) bool {
		for _, c := range d.contacts {
			if value != "" && c.ID != except && strings.EqualFold(field(c), value) {
				return true
			}
		}
		return false
	}
	if taken(email, func(c *contactRecord) string { return c.Email }) {
		messages, attributes = append(messages, "Email has already been taken"), append(attributes, "email")
	}
	if taken(identifier, func(c *contactRecord) string { return c.Identifier }) {
		messages, attributes = append(messages, "Identifier has already been taken"), append(attributes, "identifier")
	}
	if messages == nil {
		return nil
	}
	return &apiError{status: http.StatusUnprocessableEntity, message: strings.Join(messages, ", "), attributes: attributes}
}

// linkedContact finds the contact linked to an inbox under a source ID.
func (d *store) linkedContact(inboxID int64, sourceID string) (*contactRecord, bool) {
	for _, c := range d.contacts {
		for _, link := range c.inboxes {
			if link.inbox.ID == inboxID && link.sourceID == sourceID {
				return c, true
			}
		}
	}
	return nil, false
}

// nonNil returns m, or an empty map when m is nil.
func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

package sandbox

import (
	"maps"
	"net/http"
	"regexp"
	"slices"
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
	// Blocked is whether agents blocked the contact: its new conversations
	// start resolved.
	Blocked bool
	// CustomAttributes are the contact's custom attributes.
	CustomAttributes map[string]string
	// SourceID is the source ID of the contact-inbox link (AddContact only;
	// "" means a generated UUID).
	SourceID string
	// Unvalidated stores the contact without the format and uniqueness
	// checks of contactErrors (AddContact only), like data from before
	// the server enforced them: older accounts hold duplicate phone
	// numbers, for example.
	Unvalidated bool
}

// contactPatch is a partial update of a contact: only present fields change.
type contactPatch struct {
	Name        optionalString `json:"name"`
	Email       optionalString `json:"email"`
	PhoneNumber optionalString `json:"phone_number"`
	AvatarURL   optionalString `json:"avatar_url"`
	Identifier  optionalString `json:"identifier"`
	// Blocked is nil when absent or null.
	Blocked *bool `json:"blocked"`
	// CustomAttributes is nil when absent or null.
	CustomAttributes map[string]string `json:"custom_attributes"`
}

// AddContact creates a contact and its contact-inbox as the API would, for
// test fixtures. The error, if any, carries the API's message (unknown inbox,
// duplicate email, identifier or source ID).
func (s *Server) AddContact(in ContactInput) (Contact, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if in.InboxID == 0 {
		in.InboxID = s.inboxes[0].ID
	}
	c, err := s.addContactLocked(in, s.nowLocked())
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
		Blocked:          &in.Blocked,
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
	if !in.Unvalidated {
		if err := s.data.contactErrors(0, email, in.PhoneNumber, in.Identifier); err != nil {
			return nil, err
		}
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
			Blocked:          in.Blocked,
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
	if p.Blocked != nil {
		next.Blocked = *p.Blocked
	}
	next.Email = strings.ToLower(next.Email)
	if err := s.data.contactErrors(id, next.Email, next.PhoneNumber, next.Identifier); err != nil {
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

// phoneFormat is Chatwoot's phone_number format (app/models/contact.rb):
// "+", a digit from 1 to 9, then 1 to 14 digits, at the end of the value.
// Like Chatwoot's, it is anchored only at the end.
var phoneFormat = regexp.MustCompile(`\+[1-9]\d{1,14}$`)

// emailFormat is Devise's default email_regexp, which Chatwoot's contact
// model validates emails with: one "@" with no white space around it.
var emailFormat = regexp.MustCompile(`^[^@\s]+@[^@\s]+$`)

// contactErrors returns the 422 Chatwoot's contact model gives when a
// contact other than except already has the email (compared
// case-insensitively), identifier or phone number (both compared exactly),
// or when the email or phone number is malformed; nil when all is well.
// Messages and attributes come in the model's validation order.
func (d *store) contactErrors(except int64, email, phone, identifier string) *apiError {
	var messages, attributes []string
	fail := func(attribute, message string) {
		messages = append(messages, message)
		if !slices.Contains(attributes, attribute) {
			attributes = append(attributes, attribute)
		}
	}
	taken := func(value string, same func(*contactRecord) bool) bool {
		for _, c := range d.contacts {
			if value != "" && c.ID != except && same(c) {
				return true
			}
		}
		return false
	}
	if taken(email, func(c *contactRecord) bool { return strings.EqualFold(c.Email, email) }) {
		fail("email", "Email has already been taken")
	}
	if email != "" && !emailFormat.MatchString(email) {
		fail("email", "Email Invalid email")
	}
	if taken(identifier, func(c *contactRecord) bool { return c.Identifier == identifier }) {
		fail("identifier", "Identifier has already been taken")
	}
	if taken(phone, func(c *contactRecord) bool { return c.PhoneNumber == phone }) {
		fail("phone_number", "Phone number has already been taken")
	}
	if phone != "" && !phoneFormat.MatchString(phone) {
		fail("phone_number", "Phone number should be in e164 format")
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

package sandbox

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// This file gathers what the inbox view shows, as plain values copied under
// the server's lock, so that templates never touch the store.

// excerptLength is how many characters of a message a list or a reply shows.
const excerptLength = 90

// viewData is a consistent copy of what every page of the view draws from.
type viewData struct {
	inboxes       []Inbox
	contacts      map[int64]Contact
	conversations []viewConversationRecord
	messages      []viewMessageRecord // by ID, which is the order they arrived
	tickets       []Ticket
}

// viewConversationRecord is a stored conversation as the view reads it.
type viewConversationRecord struct {
	Conversation
	updatedAt time.Time
}

// viewMessageRecord is a stored message with the tokens of its files.
type viewMessageRecord struct {
	Message
	blobTokens []string
}

// viewSnapshot copies what the view shows.
func (s *Server) viewSnapshot() viewData {
	s.mu.Lock()
	defer s.mu.Unlock()
	contacts := make(map[int64]Contact, len(s.data.contacts))
	for id, c := range s.data.contacts {
		contacts[id] = c.copy()
	}
	return viewData{
		inboxes:  slices.Clone(s.inboxes),
		contacts: contacts,
		conversations: sortedCopies(s.data.conversations, func(c *conversationRecord) viewConversationRecord {
			return viewConversationRecord{Conversation: c.copy(), updatedAt: c.updatedAt}
		}),
		messages: sortedCopies(s.data.messages, func(m *messageRecord) viewMessageRecord {
			return viewMessageRecord{Message: m.copy(), blobTokens: slices.Clone(m.blobTokens)}
		}),
		tickets: sortedCopies(s.data.tickets, func(t *ticketRecord) Ticket { return t.copy() }),
	}
}

// viewPage is everything one page of the view renders. Nav is on every
// page; one of the other parts is set, by the kind of page.
type viewPage struct {
	// Title is the page's <title> and first heading.
	Title string
	// Events is the URL of the page's live-update stream.
	Events string
	Nav    viewNav
	// Inbox is the conversation list (on an inbox page and beside a
	// conversation).
	Inbox *viewInbox
	// Conversation is the chat of a conversation page.
	Conversation *viewConversation
	// Contacts and Tickets are the lists of their pages.
	Contacts []viewContact
	Tickets  []Ticket
}

// viewNav is the site navigation: every inbox, contacts and tickets, with
// counts, and which of them the page shows.
type viewNav struct {
	Inboxes  []viewNavInbox
	Contacts int
	Tickets  int
	// Current is "inbox:<id>", "contacts" or "tickets".
	Current string
}

// viewNavInbox is an inbox in the navigation.
type viewNavInbox struct {
	ID            int64
	Name          string
	Conversations int
}

// viewInbox is an inbox's conversation list, newest first.
type viewInbox struct {
	ID            int64
	Name          string
	Conversations []viewConversationRow
	// Current is the conversation shown beside the list, if any.
	Current int64
}

// viewConversationRow is a conversation in a list.
type viewConversationRow struct {
	ID       int64
	Contact  string
	Status   viewStatus
	Messages int
	// Last is the newest message, nil when there is none.
	Last       *viewMessage
	LastActive time.Time
}

// viewStatus is a conversation's status, with the snooze time.
type viewStatus struct {
	Name         string
	SnoozedUntil *time.Time
}

// viewConversation is one conversation as a chat.
type viewConversation struct {
	ID        int64
	UUID      string
	InboxID   int64
	InboxName string
	Status    viewStatus
	Created   time.Time
	Contact   viewContact
	Messages  []viewMessage
}

// viewContact is a contact, or what is known of a deleted one.
type viewContact struct {
	ID int64
	// Name is what to call the contact: its name, else its email, its
	// identifier, or its id.
	Name    string
	Deleted bool
	Contact Contact
	// Attributes are the custom attributes, sorted by key.
	Attributes []viewAttribute
	Created    time.Time
}

// viewAttribute is a custom attribute.
type viewAttribute struct{ Key, Value string }

// viewMessage is a message in a chat.
type viewMessage struct {
	ID       int64
	Incoming bool
	Private  bool
	// Author is the contact's name for an incoming message, "Agent" otherwise.
	Author      string
	Content     string
	Excerpt     string
	Created     time.Time
	Reply       *viewReply
	Attachments []viewAttachment
}

// viewReply is the message a reply answers.
type viewReply struct {
	ID int64
	// Found is false when the message is not in this conversation.
	Found   bool
	Author  string
	Excerpt string
}

// viewAttachment is a file of a message, with the URLs it is served at.
type viewAttachment struct {
	Name, ContentType, FileType string
	Size                        int64
	URL                         string
	// ThumbURL is set for images.
	ThumbURL string
}

// nav builds the navigation; current names the page's place in it.
func (d viewData) nav(current string) viewNav {
	nav := viewNav{Contacts: len(d.contacts), Tickets: len(d.tickets), Current: current}
	for _, in := range d.inboxes {
		n := 0
		for _, c := range d.conversations {
			if c.InboxID == in.ID {
				n++
			}
		}
		nav.Inboxes = append(nav.Inboxes, viewNavInbox{ID: in.ID, Name: in.Name, Conversations: n})
	}
	return nav
}

// inbox builds the conversation list of an inbox, newest activity first.
func (d viewData) inbox(id int64) (*viewInbox, bool) {
	i := slices.IndexFunc(d.inboxes, func(in Inbox) bool { return in.ID == id })
	if i < 0 {
		return nil, false
	}
	out := &viewInbox{ID: id, Name: d.inboxes[i].Name}
	for _, c := range d.conversations {
		if c.InboxID != id {
			continue
		}
		msgs := d.conversationMessages(c.ID)
		row := viewConversationRow{
			ID:         c.ID,
			Contact:    d.contact(c.ContactID).Name,
			Status:     status(c.Conversation),
			Messages:   len(msgs),
			LastActive: time.Unix(c.CreatedAt, 0),
		}
		if len(msgs) > 0 {
			last := msgs[len(msgs)-1]
			row.Last = &last
			row.LastActive = last.Created
		}
		out.Conversations = append(out.Conversations, row)
	}
	slices.SortFunc(out.Conversations, func(a, b viewConversationRow) int {
		return cmp.Or(b.LastActive.Compare(a.LastActive), cmp.Compare(b.ID, a.ID))
	})
	return out, true
}

// conversation builds the chat of a conversation.
func (d viewData) conversation(id int64) (*viewConversation, bool) {
	i := slices.IndexFunc(d.conversations, func(c viewConversationRecord) bool { return c.ID == id })
	if i < 0 {
		return nil, false
	}
	c := d.conversations[i]
	out := &viewConversation{
		ID:       c.ID,
		UUID:     c.UUID,
		InboxID:  c.InboxID,
		Status:   status(c.Conversation),
		Created:  time.Unix(c.CreatedAt, 0),
		Contact:  d.contact(c.ContactID),
		Messages: d.conversationMessages(c.ID),
	}
	if j := slices.IndexFunc(d.inboxes, func(in Inbox) bool { return in.ID == c.InboxID }); j >= 0 {
		out.InboxName = d.inboxes[j].Name
	}
	return out, true
}

// conversationMessages builds a conversation's messages in the order they
// arrived.
func (d viewData) conversationMessages(conversationID int64) []viewMessage {
	var out []viewMessage
	byID := map[int64]viewMessage{}
	for _, m := range d.messages {
		if m.ConversationID != conversationID {
			continue
		}
		vm := viewMessage{
			ID:       m.ID,
			Incoming: m.MessageType == messageIncoming,
			Private:  m.Private,
			Author:   "Agent",
			Content:  m.Content,
			Excerpt:  excerpt(m.Content, len(m.Attachments)),
			Created:  time.Unix(m.CreatedAt, 0),
		}
		if vm.Incoming {
			vm.Author = d.contact(m.SenderID).Name
		}
		if m.InReplyTo != nil {
			target, found := byID[*m.InReplyTo]
			vm.Reply = &viewReply{ID: *m.InReplyTo, Found: found, Author: target.Author, Excerpt: target.Excerpt}
		}
		for k, a := range m.Attachments {
			va := viewAttachment{Name: a.FileName, ContentType: a.ContentType, FileType: a.FileType, Size: a.Size}
			if k < len(m.blobTokens) {
				va.URL = blobURL("", "blobs", m.blobTokens[k], a.FileName)
				va.ThumbURL = thumbURL("", m.blobTokens[k], a)
			}
			vm.Attachments = append(vm.Attachments, va)
		}
		byID[m.ID] = vm
		out = append(out, vm)
	}
	return out
}

// contact builds the view of a contact by id.
func (d viewData) contact(id int64) viewContact {
	c, ok := d.contacts[id]
	if !ok {
		return viewContact{ID: id, Name: fmt.Sprintf("Contact #%d", id), Deleted: true}
	}
	out := viewContact{
		ID:      id,
		Name:    cmp.Or(c.Name, c.Email, c.Identifier, c.PhoneNumber, fmt.Sprintf("Contact #%d", id)),
		Contact: c,
		Created: time.Unix(c.CreatedAt, 0),
	}
	for _, k := range slices.Sorted(maps.Keys(c.CustomAttributes)) {
		out.Attributes = append(out.Attributes, viewAttribute{Key: k, Value: c.CustomAttributes[k]})
	}
	return out
}

// allContacts builds every contact, by id.
func (d viewData) allContacts() []viewContact {
	out := make([]viewContact, 0, len(d.contacts))
	for _, id := range slices.Sorted(maps.Keys(d.contacts)) {
		out = append(out, d.contact(id))
	}
	return out
}

// status is a conversation's status for the view.
func status(c Conversation) viewStatus {
	out := viewStatus{Name: c.Status}
	if c.SnoozedUntil != nil {
		t := time.Unix(*c.SnoozedUntil, 0)
		out.SnoozedUntil = &t
	}
	return out
}

// excerpt shortens a message's text for a list, or names its files when it
// has no text.
func excerpt(content string, files int) string {
	text := strings.Join(strings.Fields(content), " ")
	if text == "" {
		if files == 1 {
			return "(1 file)"
		}
		return fmt.Sprintf("(%d files)", files)
	}
	if r := []rune(text); len(r) > excerptLength {
		return string(r[:excerptLength-1]) + "…"
	}
	return text
}

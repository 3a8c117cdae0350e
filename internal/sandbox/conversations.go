package sandbox

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// API conversation statuses. LiveDesk's "AI-Replying" is pending; its
// "Closed" has no API value.
const (
	statusOpen     = "open"
	statusResolved = "resolved"
	statusPending  = "pending"
	statusSnoozed  = "snoozed"
)

// apiStatuses are the statuses toggle_status accepts, in documented order.
var apiStatuses = []string{statusOpen, statusResolved, statusPending, statusSnoozed}

// allowedTransitions is the status-flow matrix of the LiveDesk user guide
// (API reference §3.7) restricted to the API statuses: every move is
// allowed except Resolved -> Snoozed.
var allowedTransitions = map[string][]string{
	statusOpen:     {statusPending, statusSnoozed, statusResolved},
	statusPending:  {statusOpen, statusSnoozed, statusResolved},
	statusSnoozed:  {statusOpen, statusPending, statusResolved},
	statusResolved: {statusOpen, statusPending},
}

// createConversationBody is the body of POST /conversations.
type createConversationBody struct {
	InboxID   flexibleID `json:"inbox_id"`
	ContactID flexibleID `json:"contact_id"`
	SourceID  string     `json:"source_id"`
}

// ConversationInput describes a conversation for AddConversation, with the
// fields of POST /conversations.
type ConversationInput struct {
	// InboxID is the inbox asked for (0 means the first configured inbox).
	InboxID int64
	// ContactID and SourceID name the contact as the API's body does: at
	// least one is required.
	ContactID int64
	SourceID  string
	// CreatedAt is when the conversation was created (zero means now), so
	// that a fixture can be older than the requests a test then sends.
	CreatedAt time.Time
}

// AddConversation creates a conversation as POST /conversations would,
// inbox options, blocked contacts and source_id lookups included, for test
// fixtures. The error, if any, carries the API's message.
func (s *Server) AddConversation(in ConversationInput) (Conversation, error) {
	if in.CreatedAt.IsZero() {
		in.CreatedAt = s.now()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if in.InboxID == 0 {
		in.InboxID = s.inboxes[0].ID
	}
	inbox, ok := s.inbox(in.InboxID)
	if !ok {
		return Conversation{}, notFound()
	}
	conv, _, err := s.openConversationLocked(inbox, in.ContactID, in.SourceID, in.CreatedAt)
	if err != nil {
		return Conversation{}, err
	}
	return conv.copy(), nil
}

// createConversation answers POST /conversations; see
// openConversationLocked.
func (s *Server) createConversation(r *http.Request) (any, *apiError) {
	var body createConversationBody
	if err := decodeJSON(r, &body); err != nil {
		return nil, err
	}
	contactID, err := body.ContactID.value("contact_id")
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	inbox, err := s.requiredInbox(body.InboxID)
	if err != nil {
		return nil, err
	}
	conv, contact, err := s.openConversationLocked(inbox, contactID, body.SourceID, s.nowLocked())
	if err != nil {
		return nil, err
	}
	out := renderConversation(conv, contact, s.accountID)
	if last := s.data.lastMessage(conv.ID); last != nil {
		out.Messages = append(out.Messages, lastMessageJSON{
			ID: last.ID, Content: last.Content, MessageType: messageTypeCode(last.MessageType), ConversationID: conv.ID, CreatedAt: last.CreatedAt,
		})
	}
	return out, nil
}

// lastMessage is the conversation's newest message, or nil.
func (d *store) lastMessage(conversationID int64) *messageRecord {
	var last *messageRecord
	for _, m := range d.messages {
		if m.ConversationID == conversationID && (last == nil || m.ID > last.ID) {
			last = m
		}
	}
	return last
}

// openConversationLocked finds the contact and inbox a new conversation is
// with and creates it, as Chatwoot's conversations controller and
// ConversationBuilder do: with a contact_id, in the requested inbox; with
// only a source_id, in the inbox of the contact-inbox that source_id names,
// whichever inbox was requested. An inbox locked to single conversations
// answers with the contact's first conversation there instead. A new
// conversation starts resolved for a blocked contact, pending in an inbox
// with an active bot, and open otherwise. s.mu must be held.
func (s *Server) openConversationLocked(requested Inbox, contactID int64, sourceID string, now time.Time) (*conversationRecord, *contactRecord, *apiError) {
	if contactID == 0 && sourceID == "" {
		return nil, nil, unprocessable("contact_id or source_id is required")
	}
	contact, link, err := s.data.sender(requested, contactID, sourceID)
	if err != nil {
		return nil, nil, err
	}
	inbox, _ := s.inbox(link.inbox.ID) // the current options of a configured inbox
	if inbox.LockToSingleConversation {
		if existing := s.data.firstConversation(contact.ID, inbox.ID); existing != nil {
			return existing, contact, nil
		}
	}
	contact.lastActivityAt = now.Unix()
	conv := &conversationRecord{
		Conversation: Conversation{
			ID:        s.data.conversationIDs.next(),
			UUID:      newUUID(),
			InboxID:   inbox.ID,
			ContactID: contact.ID,
			SourceID:  link.sourceID,
			Status:    initialStatus(inbox, contact),
			CreatedAt: now.Unix(),
		},
		inboxName: inbox.Name,
		updatedAt: now,
	}
	s.data.conversations[conv.ID] = conv
	return conv, contact, nil
}

// initialStatus is the status a new conversation starts with.
func initialStatus(inbox Inbox, contact *contactRecord) string {
	switch {
	case contact.Blocked:
		return statusResolved
	case inbox.ActiveBot:
		return statusPending
	default:
		return statusOpen
	}
}

// firstConversation is the contact's oldest conversation in the inbox, or
// nil.
func (d *store) firstConversation(contactID, inboxID int64) *conversationRecord {
	var first *conversationRecord
	for _, conv := range d.conversations {
		if conv.ContactID == contactID && conv.InboxID == inboxID && (first == nil || conv.ID < first.ID) {
			first = conv
		}
	}
	return first
}

// sender finds the contact a new conversation is with and its link to an
// inbox. A contact_id's contact is linked to the requested inbox (under
// source_id, or its existing source ID there, or a new one). A lone
// source_id is looked up across every inbox, as Chatwoot's
// ContactInbox.find_by!(source_id:) is not scoped to the inbox.
func (d *store) sender(inbox Inbox, contactID int64, sourceID string) (*contactRecord, contactInbox, *apiError) {
	if contactID == 0 {
		for _, c := range d.contacts {
			if i := slices.IndexFunc(c.inboxes, func(l contactInbox) bool { return l.sourceID == sourceID }); i >= 0 {
				return c, c.inboxes[i], nil
			}
		}
		return nil, contactInbox{}, notFound()
	}
	linked, found := d.linkedContact(inbox.ID, sourceID)
	c, ok := d.contacts[contactID]
	switch {
	case !ok:
		return nil, contactInbox{}, notFound()
	case found && linked != c:
		return nil, contactInbox{}, unprocessable("source_id should be unique")
	case found:
		return c, contactInbox{inbox: inbox, sourceID: sourceID}, nil
	}
	if sourceID == "" {
		if i := slices.IndexFunc(c.inboxes, func(l contactInbox) bool { return l.inbox.ID == inbox.ID }); i >= 0 {
			return c, c.inboxes[i], nil
		}
		sourceID = newUUID()
	}
	link := contactInbox{inbox: inbox, sourceID: sourceID}
	c.inboxes = append(c.inboxes, link)
	return c, link, nil
}

// toggleStatusBody is the body of POST /conversations/{id}/toggle_status.
type toggleStatusBody struct {
	Status       string     `json:"status"`
	SnoozedUntil flexibleID `json:"snoozed_until"`
}

// toggleStatus answers POST /conversations/{id}/toggle_status, enforcing
// the status-flow matrix. Asking for the current status changes nothing.
func (s *Server) toggleStatus(r *http.Request) (any, *apiError) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	var body toggleStatusBody
	if err := decodeJSON(r, &body); err != nil {
		return nil, err
	}
	if !slices.Contains(apiStatuses, body.Status) {
		return nil, unprocessable("Invalid status %q: must be one of %s", body.Status, strings.Join(apiStatuses, ", "))
	}
	snoozedUntil, err := body.SnoozedUntil.value("snoozed_until")
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	conv, ok := s.data.conversations[id]
	if !ok {
		return nil, notFound()
	}
	if conv.Status == body.Status {
		// As in Chatwoot, snoozing a snoozed conversation sets its
		// snoozed_until anew.
		if body.Status == statusSnoozed {
			conv.SnoozedUntil = nil
			if snoozedUntil != 0 {
				conv.SnoozedUntil = &snoozedUntil
			}
		}
		return renderToggleStatus(conv), nil
	}
	if !slices.Contains(allowedTransitions[conv.Status], body.Status) {
		return nil, unprocessable("Invalid status transition from %s to %s", conv.Status, body.Status)
	}
	conv.Status = body.Status
	conv.SnoozedUntil = nil
	if body.Status == statusSnoozed && snoozedUntil != 0 {
		conv.SnoozedUntil = &snoozedUntil
	}
	conv.StatusChanges++
	conv.updatedAt = s.nowLocked()
	return renderToggleStatus(conv), nil
}

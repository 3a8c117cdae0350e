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

// createConversation answers POST /conversations: the sender is the
// contact_id's contact (linked to the inbox if it is not yet), or else the
// contact linked to the inbox under source_id.
func (s *Server) createConversation(r *http.Request) (any, *apiError) {
	var body createConversationBody
	if err := decodeJSON(r, &body); err != nil {
		return nil, err
	}
	inbox, err := s.requiredInbox(body.InboxID)
	if err != nil {
		return nil, err
	}
	contactID, err := body.ContactID.value("contact_id")
	if err != nil {
		return nil, err
	}
	if contactID == 0 && body.SourceID == "" {
		return nil, unprocessable("contact_id or source_id is required")
	}
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	contact, sourceID, err := s.data.sender(inbox, contactID, body.SourceID)
	if err != nil {
		return nil, err
	}
	contact.lastActivityAt = now.Unix()
	conv := &conversationRecord{
		Conversation: Conversation{
			ID:        s.data.conversationIDs.next(),
			UUID:      newUUID(),
			InboxID:   inbox.ID,
			ContactID: contact.ID,
			SourceID:  sourceID,
			Status:    statusOpen,
			CreatedAt: now.Unix(),
		},
		inboxName: inbox.Name,
		updatedAt: now,
	}
	s.data.conversations[conv.ID] = conv
	return renderConversation(conv, contact, s.accountID), nil
}

// requiredInbox resolves a request's inbox_id: 422 when missing or not an
// ID, 404 when no such inbox is configured.
func (s *Server) requiredInbox(field flexibleID) (Inbox, *apiError) {
	id, err := field.value("inbox_id")
	if err != nil {
		return Inbox{}, err
	}
	if id == 0 {
		return Inbox{}, unprocessable("inbox_id is required")
	}
	inbox, ok := s.inbox(id)
	if !ok {
		return Inbox{}, notFound()
	}
	return inbox, nil
}

// sender finds the contact a new conversation is with, and the source
// ID of its link to the inbox, creating the link for a contact_id that has
// none in this inbox.
func (d *store) sender(inbox Inbox, contactID int64, sourceID string) (*contactRecord, string, *apiError) {
	linked, found := d.linkedContact(inbox.ID, sourceID)
	if contactID == 0 {
		if !found {
			return nil, "", notFound()
		}
		return linked, sourceID, nil
	}
	c, ok := d.contacts[contactID]
	switch {
	case !ok:
		return nil, "", notFound()
	case found && linked != c:
		return nil, "", unprocessable("source_id should be unique")
	case found:
		return c, sourceID, nil
	}
	if sourceID == "" {
		if i := slices.IndexFunc(c.inboxes, func(l contactInbox) bool { return l.inbox.ID == inbox.ID }); i >= 0 {
			return c, c.inboxes[i].sourceID, nil
		}
		sourceID = newUUID()
	}
	c.inboxes = append(c.inboxes, contactInbox{inbox: inbox, sourceID: sourceID})
	return c, sourceID, nil
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
	conv.updatedAt = time.Now()
	return renderToggleStatus(conv), nil
}

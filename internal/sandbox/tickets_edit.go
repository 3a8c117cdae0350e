package sandbox

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"time"
)

// Ticket is a ticket as stored.
type Ticket struct {
	// ID is the ticket id in the vendor's form, tk_<yyyymmdd>_<hex>.
	ID             string            `json:"ticket_id"`
	Title          string            `json:"title"`
	Description    string            `json:"description"`
	AttachmentURLs []string          `json:"attachment_urls"`
	Status         string            `json:"status"`
	Priority       string            `json:"priority"`
	TicketType     string            `json:"ticket_type"`
	RequesterEUID  string            `json:"requester_euid"`
	ChannelID      string            `json:"channel_id"`
	ContactID      string            `json:"contact_id"`
	SubContactID   string            `json:"sub_contact_id"`
	Followers      []TicketFollower  `json:"followers"`
	SubmitterID    string            `json:"submitter_id"`
	AssignmentTeam string            `json:"assignment_team"` // the team's name
	CustomFields   map[string]string `json:"custom_fields"`
	Tags           []string          `json:"tags"`
	Messages       []TicketMessage   `json:"messages"`
	CreatedAt      int64             `json:"created_at"` // unix seconds
	// Updates counts the PUTs the ticket received.
	Updates int `json:"updates"`
}

// TicketFollower follows a ticket; requests name followers as objects,
// answers list their ids.
type TicketFollower struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// TicketMessage is an entry of a ticket's conversation list. The API has
// no way to add one; tests add them with AddTicketMessage.
type TicketMessage struct {
	ID          string `json:"message_id"`
	SenderID    string `json:"sender_id"`
	SenderType  string `json:"sender_type"`
	SenderName  string `json:"sender_name"`
	Content     string `json:"content"`
	ContentType string `json:"content_type"`
	IsInternal  bool   `json:"is_internal"`
	SentAt      int64  `json:"sent_at"` // unix seconds; rendered as ISO-8601
}

// ticketRecord is a stored ticket.
type ticketRecord struct {
	Ticket
}

// copy returns the ticket with its own slices and map.
func (t *ticketRecord) copy() Ticket {
	out := t.Ticket
	out.AttachmentURLs = slices.Clone(t.AttachmentURLs)
	out.Followers = slices.Clone(t.Followers)
	out.CustomFields = maps.Clone(t.CustomFields)
	out.Tags = slices.Clone(t.Tags)
	out.Messages = slices.Clone(t.Messages)
	return out
}

// TicketEdit changes a ticket behind the API's back, as an agent would in
// the console: each non-nil field replaces the ticket's. It is the body of
// PATCH /_sandbox/tickets/{ticket_id}.
type TicketEdit struct {
	Title          *string            `json:"title"`
	Description    *string            `json:"description"`
	AttachmentURLs *[]string          `json:"attachment_urls"`
	Status         *string            `json:"status"`
	Priority       *string            `json:"priority"`
	TicketType     *string            `json:"ticket_type"`
	RequesterEUID  *string            `json:"requester_euid"`
	ChannelID      *string            `json:"channel_id"`
	ContactID      *string            `json:"contact_id"`
	SubContactID   *string            `json:"sub_contact_id"`
	Followers      *[]TicketFollower  `json:"followers"`
	SubmitterID    *string            `json:"submitter_id"`
	AssignmentTeam *string            `json:"assignment_team"`
	CustomFields   *map[string]string `json:"custom_fields"`
	Tags           *[]string          `json:"tags"`
}

// EditTicket applies edit to the ticket with the given id. Nothing is
// validated: an agent can set what the API would refuse.
func (s *Server) EditTicket(id string, edit TicketEdit) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.data.tickets[id]
	if !ok {
		return ticketNotFound()
	}
	for dst, src := range map[*string]*string{
		&t.Title: edit.Title, &t.Description: edit.Description, &t.Status: edit.Status, &t.Priority: edit.Priority,
		&t.TicketType: edit.TicketType, &t.RequesterEUID: edit.RequesterEUID, &t.ChannelID: edit.ChannelID,
		&t.ContactID: edit.ContactID, &t.SubContactID: edit.SubContactID, &t.SubmitterID: edit.SubmitterID, &t.AssignmentTeam: edit.AssignmentTeam,
	} {
		if src != nil {
			*dst = *src
		}
	}
	if edit.AttachmentURLs != nil {
		t.AttachmentURLs = slices.Clone(*edit.AttachmentURLs)
	}
	if edit.Followers != nil {
		t.Followers = slices.Clone(*edit.Followers)
	}
	if edit.CustomFields != nil {
		t.CustomFields = nonNil(maps.Clone(*edit.CustomFields))
	}
	if edit.Tags != nil {
		t.Tags = append([]string{}, *edit.Tags...)
	}
	return nil
}

// AddTicketMessage appends a message to a ticket's conversation list and
// returns it with its id (msg_<yyyymmdd>_<nnn>) and, when unset, its time
// and content type.
func (s *Server) AddTicketMessage(id string, m TicketMessage) (TicketMessage, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.data.tickets[id]
	if !ok {
		return TicketMessage{}, ticketNotFound()
	}
	if m.SentAt == 0 {
		m.SentAt = s.nowLocked().Unix()
	}
	if m.ContentType == "" {
		m.ContentType = "text"
	}
	m.ID = fmt.Sprintf("msg_%s_%03d", time.Unix(m.SentAt, 0).UTC().Format("20060102"), len(t.Messages)+1)
	t.Messages = append(t.Messages, m)
	return m, nil
}

// DeleteTicket deletes a ticket behind the API's back (LiveDesk documents
// no delete), so that tests can see a ticket disappear.
func (s *Server) DeleteTicket(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.data.tickets[id]; !ok {
		return ticketNotFound()
	}
	delete(s.data.tickets, id)
	return nil
}

// inspectEditTicket answers PATCH /_sandbox/tickets/{ticket_id} with the
// ticket as stored.
func (s *Server) inspectEditTicket(r *http.Request) (any, *apiError) {
	var edit TicketEdit
	if err := decodeJSON(r, &edit); err != nil {
		return nil, err
	}
	id := r.PathValue("ticket_id")
	if err := s.EditTicket(id, edit); err != nil {
		return nil, ticketNotFound()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.data.tickets[id]; ok {
		return t.copy(), nil
	}
	return nil, ticketNotFound()
}

// inspectAddTicketMessage answers POST /_sandbox/tickets/{ticket_id}/messages.
func (s *Server) inspectAddTicketMessage(r *http.Request) (any, *apiError) {
	var m TicketMessage
	if err := decodeJSON(r, &m); err != nil {
		return nil, err
	}
	added, err := s.AddTicketMessage(r.PathValue("ticket_id"), m)
	if err != nil {
		return nil, ticketNotFound()
	}
	return added, nil
}

// inspectDeleteTicket answers DELETE /_sandbox/tickets/{ticket_id}.
func (s *Server) inspectDeleteTicket(r *http.Request) (any, *apiError) {
	id := r.PathValue("ticket_id")
	if err := s.DeleteTicket(id); err != nil {
		return nil, ticketNotFound()
	}
	return map[string]any{"ticket_id": id, "deleted": true}, nil
}

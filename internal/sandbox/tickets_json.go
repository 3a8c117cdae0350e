package sandbox

import (
	"strconv"
	"strings"
	"time"
)

// ticketJSON is the data of a get-ticket answer, shaped like the vendor's
// example (internal/livedesk/testdata/get_ticket_response.en.json). The
// published example stops inside status_changes; the sandbox renders that
// list empty, and the tags that update sets after it.
type ticketJSON struct {
	TicketID         string              `json:"ticket_id"`
	Title            string              `json:"title"`
	Description      string              `json:"description"`
	Attachments      []ticketFileBody    `json:"attachments"`
	Status           string              `json:"status"`
	Priority         string              `json:"priority"`
	TicketType       string              `json:"ticket_type"`
	Requester        ticketRequesterJSON `json:"requester"`
	Submitter        submitterBody       `json:"submitter"`
	AssignmentTeam   *ticketTeamJSON     `json:"assignment_team"`
	CustomFields     map[string]string   `json:"custom_fields"`
	ConversationList []ticketMessageJSON `json:"conversation_list"`
	StatusChanges    []struct{}          `json:"status_changes"`
	Tags             []string            `json:"tags"`
}

// ticketRequesterJSON is the requester of a read ticket: on read, followers
// are ids, not the objects of the create body.
type ticketRequesterJSON struct {
	EUID            string `json:"euid"`
	Name            string `json:"name"`
	Email           string `json:"email"`
	Phone           string `json:"phone"`
	ChannelContacts struct {
		ChannelID    string   `json:"channel_id"`
		ContactID    string   `json:"contact_id"`
		SubContactID string   `json:"sub_contact_id"`
		Followers    []string `json:"followers"`
	} `json:"channel_contacts"`
}

// ticketTeamJSON is the assignment team of a read ticket: an object with a
// numeric id, where the create body has the team's name.
type ticketTeamJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// ticketMessageJSON is an entry of conversation_list.
type ticketMessageJSON struct {
	MessageID string `json:"message_id"`
	Sender    struct {
		ID   string `json:"id"`
		Type string `json:"type"`
		Name string `json:"name"`
	} `json:"sender"`
	Content     string                  `json:"content"`
	ContentType string                  `json:"content_type"`
	Attachments []ticketMessageFileJSON `json:"attachments"`
	SentAt      string                  `json:"sent_at"` // ISO-8601, unlike the unix seconds elsewhere
	IsInternal  bool                    `json:"is_internal"`
}

// ticketMessageFileJSON is an attachment of a conversation_list entry.
type ticketMessageFileJSON struct {
	FileType string `json:"file_type"`
	FileURL  string `json:"file_url"`
}

// renderTicketLocked renders a ticket; s.mu must be held. A requester euid
// of the form contact_<id> naming a sandbox contact shows that contact's
// name, email and phone number.
func (s *Server) renderTicketLocked(t *ticketRecord) ticketJSON {
	out := ticketJSON{
		TicketID:         t.ID,
		Title:            t.Title,
		Description:      t.Description,
		Attachments:      []ticketFileBody{},
		Status:           t.Status,
		Priority:         t.Priority,
		TicketType:       t.TicketType,
		Submitter:        submitterBody{ID: t.SubmitterID},
		CustomFields:     nonNil(t.CustomFields),
		ConversationList: []ticketMessageJSON{},
		StatusChanges:    []struct{}{},
		Tags:             append([]string{}, t.Tags...),
	}
	for _, u := range t.AttachmentURLs {
		out.Attachments = append(out.Attachments, ticketFileBody{FileURL: u})
	}
	out.Requester.EUID = t.RequesterEUID
	if id, ok := parseID(strings.TrimPrefix(t.RequesterEUID, "contact_")); ok && strings.HasPrefix(t.RequesterEUID, "contact_") {
		if c, found := s.data.contacts[id]; found {
			out.Requester.Name, out.Requester.Email, out.Requester.Phone = c.Name, c.Email, c.PhoneNumber
		}
	}
	cc := &out.Requester.ChannelContacts
	cc.ChannelID, cc.ContactID, cc.SubContactID, cc.Followers = t.ChannelID, t.ContactID, t.SubContactID, []string{}
	for _, f := range t.Followers {
		cc.Followers = append(cc.Followers, f.ID)
	}
	if t.AssignmentTeam != "" {
		team, ok := s.teamNamed(t.AssignmentTeam)
		if !ok { // set behind the API's back to a team that does not exist
			team = Team{Name: t.AssignmentTeam}
		}
		out.AssignmentTeam = &ticketTeamJSON{ID: team.ID, Name: team.Name}
	}
	for _, m := range t.Messages {
		msg := ticketMessageJSON{
			MessageID: m.ID, Content: m.Content, ContentType: m.ContentType, IsInternal: m.IsInternal,
			Attachments: []ticketMessageFileJSON{}, SentAt: time.Unix(m.SentAt, 0).UTC().Format(time.RFC3339),
		}
		msg.Sender.ID, msg.Sender.Type, msg.Sender.Name = m.SenderID, m.SenderType, m.SenderName
		out.ConversationList = append(out.ConversationList, msg)
	}
	return out
}

// formatTickets renders the tickets of a State for people.
func formatTickets(b *strings.Builder, tickets []Ticket) {
	b.WriteString("tickets (" + strconv.Itoa(len(tickets)) + "):\n")
	for _, t := range tickets {
		b.WriteString("  " + t.ID + " " + strconv.Quote(t.Title) + " status=" + t.Status + " priority=" + orDash(t.Priority) +
			" type=" + orDash(t.TicketType) + " requester=" + orDash(t.RequesterEUID) + " team=" + orDash(t.AssignmentTeam) +
			" messages=" + strconv.Itoa(len(t.Messages)) + "\n")
	}
}

package livedesk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
)

// ticketsPath is the collection path of tickets. Some copies of the ticket
// pages show /v2/ or /V2/ without /api; every other page, and the ticket
// pages in most languages, use /api/v2/, as this client does.
const ticketsPath = "/api/v2/accounts/tickets"

// TicketPriorities are the priorities the ticket pages' tables list. The
// update page's example sends "normal", which the table does not list.
var TicketPriorities = []string{"low", "medium", "high", "urgent"}

// TicketsService creates, reads and updates tickets, the one LiveDesk
// object that can be read back. LiveDesk documents no way to delete or
// list tickets.
type TicketsService struct {
	client *Client
}

// Text is a string the API may send as a JSON string or a number (the
// ticket pages give ids such as contact_id "-1001234567890" as strings,
// but the other endpoints send ids as numbers). null decodes as "".
type Text string

// UnmarshalJSON accepts a string, a number and null.
func (t *Text) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case string(data) == "null":
		*t = ""
		return nil
	case len(data) > 0 && data[0] == '"':
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		*t = Text(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(data, &n); err != nil {
		return fmt.Errorf("livedesk: %s is neither a string nor a number", data)
	}
	*t = Text(n)
	return nil
}

// Ticket is a ticket as GET /api/v2/accounts/tickets/{id} returns it.
type Ticket struct {
	ID          Text               `json:"ticket_id"`
	Title       string             `json:"title"`
	Description string             `json:"description"`
	Attachments []TicketAttachment `json:"attachments"`
	Status      string             `json:"status"`
	Priority    string             `json:"priority"`
	TicketType  string             `json:"ticket_type"`
	Requester   TicketRequester    `json:"requester"`
	Submitter   TicketSubmitter    `json:"submitter"`
	// AssignmentTeam is an object {id, name} here; create takes the name.
	AssignmentTeam TicketTeam       `json:"assignment_team"`
	CustomFields   CustomAttributes `json:"custom_fields"`
	// Tags is nil when the answer has no tags: the published example
	// shows none, although update sets them.
	Tags             *[]string       `json:"tags"`
	ConversationList []TicketMessage `json:"conversation_list"`
}

// TicketAttachment is a file of a ticket or of one of its messages.
type TicketAttachment struct {
	FileURL  string `json:"file_url"`
	FileName string `json:"file_name"`
	FileType string `json:"file_type"`
	FileSize Int64  `json:"file_size"`
}

// TicketRequester is the customer a ticket is for.
type TicketRequester struct {
	EUID            Text                 `json:"euid"`
	Name            string               `json:"name"`
	Email           string               `json:"email"`
	Phone           string               `json:"phone"`
	ChannelContacts TicketChannelContact `json:"channel_contacts"`
}

// TicketChannelContact is the requester's identity in a channel.
type TicketChannelContact struct {
	ChannelID    Text `json:"channel_id"`
	ContactID    Text `json:"contact_id"`
	SubContactID Text `json:"sub_contact_id"`
	// Followers are objects {id, name} on create and plain ids on read;
	// both decode.
	Followers []TicketFollower `json:"followers"`
}

// TicketFollower is someone who follows a ticket.
type TicketFollower struct {
	ID   Text   `json:"id"`
	Name string `json:"name,omitempty"`
}

// UnmarshalJSON accepts an id (string or number) or an object {id, name}.
func (f *TicketFollower) UnmarshalJSON(data []byte) error {
	var id Text
	if err := id.UnmarshalJSON(data); err == nil {
		*f = TicketFollower{ID: id}
		return nil
	}
	var obj struct {
		ID   Text   `json:"id"`
		Name string `json:"name"`
	}
	if err := json.Unmarshal(data, &obj); err != nil {
		return fmt.Errorf("livedesk: follower %s is neither an id nor an object", data)
	}
	*f = TicketFollower(obj)
	return nil
}

// TicketSubmitter is who submitted a ticket.
type TicketSubmitter struct {
	ID Text `json:"id"`
}

// TicketTeam is the team a ticket is assigned to.
type TicketTeam struct {
	ID   Int64  `json:"id"`
	Name string `json:"name"`
}

// UnmarshalJSON accepts an object {id, name}, a bare team name (the create
// body's form) and null.
func (t *TicketTeam) UnmarshalJSON(data []byte) error {
	var name *string
	if err := json.Unmarshal(data, &name); err == nil {
		*t = TicketTeam{}
		if name != nil {
			t.Name = *name
		}
		return nil
	}
	var obj struct {
		ID   Int64  `json:"id"`
		Name string `json:"name"`
	}
	if err := json.Unmarshal(data, &obj); err != nil {
		return fmt.Errorf("livedesk: assignment_team %s is neither a name nor an object", data)
	}
	*t = TicketTeam(obj)
	return nil
}

// TicketMessage is one entry of a ticket's conversation_list.
type TicketMessage struct {
	MessageID   Text               `json:"message_id"`
	Sender      TicketSender       `json:"sender"`
	Content     string             `json:"content"`
	ContentType string             `json:"content_type"`
	Attachments []TicketAttachment `json:"attachments"`
	// SentAt arrives as an ISO-8601 string, unlike the unix seconds of the
	// other endpoints.
	SentAt     Timestamp `json:"sent_at"`
	IsInternal bool      `json:"is_internal"`
}

// TicketSender is who sent a ticket message.
type TicketSender struct {
	ID   Text   `json:"id"`
	Type string `json:"type"`
	Name string `json:"name"`
}

// TicketFields is the body of a ticket create or update. Nil and empty
// fields are left out; the pointer fields are sent when set, even empty,
// so that an update can clear a list or a map.
type TicketFields struct {
	Title string `json:"title"`
	// Description is always sent: the update page requires it.
	Description    string                 `json:"description"`
	Attachments    *[]TicketFileURL       `json:"attachments,omitempty"`
	Requester      *TicketRequesterFields `json:"requester,omitempty"`
	Submitter      *TicketSubmitterFields `json:"submitter,omitempty"`
	AssignmentTeam string                 `json:"assignment_team,omitempty"`
	Priority       string                 `json:"priority,omitempty"`
	TicketType     string                 `json:"ticket_type,omitempty"`
	CustomFields   *map[string]string     `json:"custom_fields,omitempty"`
	Tags           *[]string              `json:"tags,omitempty"`
}

// TicketFileURL is an attachment of a ticket request: the URL of a file.
type TicketFileURL struct {
	FileURL string `json:"file_url"`
}

// TicketRequesterFields names the requester of a ticket request.
type TicketRequesterFields struct {
	EUID            string                      `json:"euid,omitempty"`
	ChannelContacts *TicketChannelContactFields `json:"channel_contacts,omitempty"`
}

// TicketChannelContactFields is the requester's channel contact in a
// ticket request.
type TicketChannelContactFields struct {
	ChannelID    string `json:"channel_id,omitempty"`
	ContactID    string `json:"contact_id,omitempty"`
	SubContactID string `json:"sub_contact_id,omitempty"`
	// Followers are sent as objects, the create page's form; an object
	// read back as a bare id is sent as {"id": ...}.
	Followers []TicketFollower `json:"followers,omitempty"`
}

// TicketSubmitterFields names the submitter of a ticket request.
type TicketSubmitterFields struct {
	ID string `json:"id"`
}

// ReadBackError is returned by Create when the ticket was created, and
// its id is known, but reading it back failed.
type ReadBackError struct {
	TicketID string
	Err      error
}

// Error names the ticket and why it could not be read.
func (e *ReadBackError) Error() string {
	return fmt.Sprintf("ticket %s was created, but reading it back failed: %v", e.TicketID, e.Err)
}

// Unwrap returns why the ticket could not be read.
func (e *ReadBackError) Unwrap() error { return e.Err }

// ticketEnvelope is the {code, message, data} wrapper of ticket answers.
type ticketEnvelope struct {
	Code    Int64           `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// ticketAnswer is what a ticket answer's data may hold: a whole ticket, or
// only its id (the create page says only that the id is returned).
type ticketAnswer struct {
	Ticket
	// whole reports that data carried a ticket, not just an id.
	whole bool
}

// Create creates a ticket (POST /api/v2/accounts/tickets). It is sent once.
// When the answer carries only the new ticket's id, the ticket is read back
// with one GET; if that GET fails, the error is a *ReadBackError naming
// the id.
func (s *TicketsService) Create(ctx context.Context, fields TicketFields) (*Ticket, error) {
	body, err := jsonBody(fields)
	if err != nil {
		return nil, err
	}
	answer, err := s.send(ctx, request{method: http.MethodPost, path: ticketsPath, body: body, create: true})
	if err != nil {
		return nil, err
	}
	if answer.ID == "" {
		return nil, missingID(ticketsPath)
	}
	if answer.whole {
		return &answer.Ticket, nil
	}
	ticket, err := s.Get(ctx, string(answer.ID))
	if err != nil {
		return nil, &ReadBackError{TicketID: string(answer.ID), Err: err}
	}
	return ticket, nil
}

// Get reads a ticket (GET /api/v2/accounts/tickets/{id}). An unknown id is
// an *APIError for which IsNotFound is true.
func (s *TicketsService) Get(ctx context.Context, id string) (*Ticket, error) {
	path := ticketPath(id)
	answer, err := s.send(ctx, request{method: http.MethodGet, path: path})
	if err != nil {
		return nil, err
	}
	if !answer.whole {
		return nil, &AnswerError{Method: http.MethodGet, Path: path, Err: errors.New("without the ticket")}
	}
	return &answer.Ticket, nil
}

// Update replaces a ticket's fields (PUT /api/v2/accounts/tickets/{id}) and
// returns the ticket: from the answer when it carries one, else read back
// with one GET. The update page requires title and description and does
// not say what happens to fields left out, so callers send every field
// they manage.
func (s *TicketsService) Update(ctx context.Context, id string, fields TicketFields) (*Ticket, error) {
	body, err := jsonBody(fields)
	if err != nil {
		return nil, err
	}
	answer, err := s.send(ctx, request{method: http.MethodPut, path: ticketPath(id), body: body})
	if err != nil {
		return nil, err
	}
	if answer.whole {
		return &answer.Ticket, nil
	}
	return s.Get(ctx, id)
}

// ticketPath is the path of one ticket. Ticket ids are strings that come
// from the configuration or an import id, so the id is path-escaped.
func ticketPath(id string) string {
	return ticketsPath + "/" + url.PathEscape(id)
}

// send sends a ticket request and unwraps the envelope: a non-zero code is
// an *APIError even when the HTTP status is 200.
func (s *TicketsService) send(ctx context.Context, req request) (*ticketAnswer, error) {
	var env ticketEnvelope
	if err := s.client.send(ctx, req, &env); err != nil {
		return nil, err
	}
	if env.Code != 0 {
		return nil, &APIError{
			StatusCode: http.StatusOK, Method: req.method, Path: req.path, Code: int64(env.Code),
			Message: env.Message, Create: req.create,
		}
	}
	answer, err := decodeTicketData(env.Data)
	if err != nil {
		return nil, &AnswerError{Method: req.method, Path: req.path, Create: req.create, Err: fmt.Errorf("its data could not be decoded: %w", err)}
	}
	return answer, nil
}

// decodeTicketData reads an envelope's data: a ticket object (whole when
// it has a title, which every ticket has), or a bare ticket id.
func decodeTicketData(data json.RawMessage) (*ticketAnswer, error) {
	answer := &ticketAnswer{}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || string(trimmed) == "null" {
		return answer, nil
	}
	if trimmed[0] != '{' {
		err := answer.ID.UnmarshalJSON(trimmed)
		return answer, err
	}
	if err := json.Unmarshal(trimmed, &answer.Ticket); err != nil {
		return nil, err
	}
	answer.whole = answer.ID != "" && answer.Title != ""
	return answer, nil
}

// TagList returns the tags, or nil when the answer carried none.
func (t *Ticket) TagList() []string {
	if t.Tags == nil {
		return nil
	}
	return *t.Tags
}

// AttachmentURLs returns the file URLs of the ticket's own attachments.
func (t *Ticket) AttachmentURLs() []string {
	urls := make([]string, 0, len(t.Attachments))
	for _, a := range t.Attachments {
		urls = append(urls, a.FileURL)
	}
	return urls
}

// UpdateFields is the body of an update that leaves the ticket as it is:
// every field the ticket was read with, in the request's shapes (the team
// by name, followers as objects, attachments by URL). Callers overlay the
// fields they change, so that an update (which replaces the ticket) keeps
// what they do not manage, such as the requester's sub_contact_id and
// followers. Tags are left out when the answer carried none, as nothing
// is known about them.
func (t *Ticket) UpdateFields() TicketFields {
	fields := TicketFields{
		Title:          t.Title,
		Description:    t.Description,
		AssignmentTeam: t.AssignmentTeam.Name,
		Priority:       t.Priority,
		TicketType:     t.TicketType,
	}
	if t.Tags != nil {
		tags := slices.Clone(*t.Tags)
		fields.Tags = &tags
	}
	attachments := make([]TicketFileURL, 0, len(t.Attachments))
	for _, url := range t.AttachmentURLs() {
		attachments = append(attachments, TicketFileURL{FileURL: url})
	}
	fields.Attachments = &attachments
	custom := map[string]string{}
	maps.Copy(custom, t.CustomFields)
	fields.CustomFields = &custom
	if t.Submitter.ID != "" {
		fields.Submitter = &TicketSubmitterFields{ID: string(t.Submitter.ID)}
	}
	cc := t.Requester.ChannelContacts
	if t.Requester.EUID != "" || cc.ChannelID != "" || cc.ContactID != "" || cc.SubContactID != "" || len(cc.Followers) > 0 {
		fields.Requester = &TicketRequesterFields{EUID: string(t.Requester.EUID)}
		if cc.ChannelID != "" || cc.ContactID != "" || cc.SubContactID != "" || len(cc.Followers) > 0 {
			fields.Requester.ChannelContacts = &TicketChannelContactFields{
				ChannelID: string(cc.ChannelID), ContactID: string(cc.ContactID), SubContactID: string(cc.SubContactID),
				Followers: slices.Clone(cc.Followers),
			}
		}
	}
	return fields
}

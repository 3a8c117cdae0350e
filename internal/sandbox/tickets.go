package sandbox

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
)

// This file serves the ticket endpoints: POST /api/v2/accounts/tickets,
// GET and PUT /api/v2/accounts/tickets/{ticket_id}. Their answers use the
// {"code", "message", "data"} envelope. LiveDesk lists no error codes, so
// the codes below are the sandbox's own:
//
//   - a body that is not JSON of the documented types: HTTP 400, code 10000;
//   - a body LiveDesk would refuse (no title, an update without description,
//     an unknown priority or team): HTTP 200 with code 10001 or 10002, as an
//     envelope API may answer;
//   - an unknown ticket id: HTTP 404, code 40400.
//
// PUT replaces what the update page documents (title, description,
// attachments, priority, ticket_type, custom_fields, tags): a field left
// out is cleared, the strictest reading of a PUT whose page requires title
// and description. requester, submitter and assignment_team, which only the
// create page shows, change when present and are kept when absent.

// Envelope codes of the sandbox's ticket refusals.
const (
	codeMalformed      = 10000
	codeInvalid        = 10001
	codeUnknownTeam    = 10002
	codeTicketNotFound = 40400
)

// ticketPriorities are the priorities accepted: the table's four and the
// "normal" the update page's example sends.
var ticketPriorities = []string{"low", "normal", "medium", "high", "urgent"}

// Team is a team tickets can be assigned to. LiveDesk has no API to create
// teams, so they are fixed when the server is created.
type Team struct {
	ID   int64
	Name string
}

// ticketBody is the body of a ticket create or update, as the vendor's
// examples write it.
type ticketBody struct {
	Title          *string           `json:"title"`
	Description    *string           `json:"description"`
	Attachments    []ticketFileBody  `json:"attachments"`
	Requester      *requesterBody    `json:"requester"`
	Submitter      *submitterBody    `json:"submitter"`
	AssignmentTeam *string           `json:"assignment_team"`
	Priority       string            `json:"priority"`
	TicketType     string            `json:"ticket_type"`
	CustomFields   map[string]string `json:"custom_fields"`
	Tags           []string          `json:"tags"`
}

// ticketFileBody is an attachment of a ticket request.
type ticketFileBody struct {
	FileURL string `json:"file_url"`
}

// requesterBody is the requester of a ticket request.
type requesterBody struct {
	EUID            string `json:"euid"`
	ChannelContacts *struct {
		ChannelID    string           `json:"channel_id"`
		ContactID    string           `json:"contact_id"`
		SubContactID string           `json:"sub_contact_id"`
		Followers    []TicketFollower `json:"followers"`
	} `json:"channel_contacts"`
}

// submitterBody is the submitter of a ticket request.
type submitterBody struct {
	ID string `json:"id"`
}

// envelope is the wrapper of every ticket answer.
type envelope struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Data    any    `json:"data"`
}

// success wraps data in a code-0 envelope.
func success(data any) envelope {
	return envelope{Code: 0, Message: "Success", Data: data}
}

// refusal is the HTTP 200 answer of a refused ticket request.
func refusal(code int, format string, args ...any) envelope {
	return envelope{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ticketNotFound is the answer for an unknown ticket id.
func ticketNotFound() *apiError {
	return &apiError{status: http.StatusNotFound, message: "Ticket not found", code: codeTicketNotFound}
}

// decodeTicketBody reads a ticket request body; a body that does not decode
// is a 400 in the envelope.
func decodeTicketBody(r *http.Request) (ticketBody, *apiError) {
	var body ticketBody
	if err := decodeJSON(r, &body); err != nil {
		return body, &apiError{status: http.StatusBadRequest, message: err.message, code: codeMalformed}
	}
	return body, nil
}

// checkTicketBody returns the refusal for a body LiveDesk would not
// accept, if any: a missing title, a priority outside ticketPriorities or
// an unknown assignment team. An update also requires a description.
func (s *Server) checkTicketBody(body ticketBody, update bool) (envelope, bool) {
	switch {
	case body.Title == nil || *body.Title == "":
		return refusal(codeInvalid, "title is required"), true
	case update && body.Description == nil:
		return refusal(codeInvalid, "description is required"), true
	case body.Priority != "" && !slices.Contains(ticketPriorities, body.Priority):
		return refusal(codeInvalid, "priority %q is not one of %v", body.Priority, ticketPriorities), true
	case body.AssignmentTeam != nil && *body.AssignmentTeam != "":
		if _, ok := s.teamNamed(*body.AssignmentTeam); !ok {
			return refusal(codeUnknownTeam, "assignment team %q does not exist", *body.AssignmentTeam), true
		}
	}
	return envelope{}, false
}

// teamNamed returns the configured team with the given name.
func (s *Server) teamNamed(name string) (Team, bool) {
	i := slices.IndexFunc(s.teams, func(t Team) bool { return t.Name == name })
	if i < 0 {
		return Team{}, false
	}
	return s.teams[i], true
}

// createTicket answers POST /tickets with the new ticket's id.
func (s *Server) createTicket(r *http.Request) (any, *apiError) {
	body, err := decodeTicketBody(r)
	if err != nil {
		return nil, err
	}
	if refused, ok := s.checkTicketBody(body, false); ok {
		return refused, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.nowLocked()
	t := &ticketRecord{Ticket: Ticket{
		ID:        fmt.Sprintf("tk_%s_%06x", now.UTC().Format("20060102"), s.data.ticketIDs.next()),
		Status:    "open",
		CreatedAt: now.Unix(),
	}}
	t.apply(body)
	s.data.tickets[t.ID] = t
	return success(map[string]string{"ticket_id": t.ID}), nil
}

// getTicket answers GET /tickets/{ticket_id}.
func (s *Server) getTicket(r *http.Request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.data.tickets[r.PathValue("ticket_id")]
	if !ok {
		return nil, ticketNotFound()
	}
	return success(s.renderTicketLocked(t)), nil
}

// updateTicket answers PUT /tickets/{ticket_id} with the ticket's id.
func (s *Server) updateTicket(r *http.Request) (any, *apiError) {
	body, err := decodeTicketBody(r)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.data.tickets[r.PathValue("ticket_id")]
	if !ok {
		return nil, ticketNotFound()
	}
	if refused, ok := s.checkTicketBody(body, true); ok {
		return refused, nil
	}
	t.Title, t.Description, t.AttachmentURLs, t.Priority, t.TicketType = "", "", nil, "", ""
	t.CustomFields, t.Tags = map[string]string{}, []string{}
	t.apply(body)
	t.Updates++
	return success(map[string]string{"ticket_id": t.ID}), nil
}

// apply copies the fields present in body into the ticket.
func (t *ticketRecord) apply(body ticketBody) {
	if body.Title != nil {
		t.Title = *body.Title
	}
	if body.Description != nil {
		t.Description = *body.Description
	}
	if body.Attachments != nil {
		t.AttachmentURLs = []string{}
		for _, a := range body.Attachments {
			t.AttachmentURLs = append(t.AttachmentURLs, a.FileURL)
		}
	}
	if req := body.Requester; req != nil {
		t.RequesterEUID = req.EUID
		if cc := req.ChannelContacts; cc != nil {
			t.ChannelID, t.ContactID, t.SubContactID = cc.ChannelID, cc.ContactID, cc.SubContactID
			t.Followers = slices.Clone(cc.Followers)
		}
	}
	if body.Submitter != nil {
		t.SubmitterID = body.Submitter.ID
	}
	if body.AssignmentTeam != nil {
		t.AssignmentTeam = *body.AssignmentTeam
	}
	if body.Priority != "" {
		t.Priority = body.Priority
	}
	if body.TicketType != "" {
		t.TicketType = body.TicketType
	}
	if body.CustomFields != nil {
		t.CustomFields = maps.Clone(body.CustomFields)
	}
	if body.Tags != nil {
		t.Tags = slices.Clone(body.Tags)
	}
	if t.CustomFields == nil {
		t.CustomFields = map[string]string{}
	}
	if t.Tags == nil {
		t.Tags = []string{}
	}
}

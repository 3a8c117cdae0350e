package livedesk

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// Conversation statuses accepted by toggle_status.
const (
	StatusOpen     = "open"
	StatusResolved = "resolved"
	StatusPending  = "pending"
	StatusSnoozed  = "snoozed"
)

// ConversationStatuses lists the statuses a conversation can be set to.
var ConversationStatuses = []string{StatusOpen, StatusResolved, StatusPending, StatusSnoozed}

// ConversationsService creates conversations and changes their status.
type ConversationsService struct {
	client *Client
}

// CreateConversationRequest is the body of POST /api/v2/accounts/conversations.
// Either ContactID or SourceID identifies the contact.
type CreateConversationRequest struct {
	// InboxID is the channel ("Channel ID" in the console). Required.
	InboxID int64 `json:"inbox_id"`
	// ContactID is the id returned by create contact.
	ContactID int64 `json:"contact_id,omitempty"`
	// SourceID is the contact-inbox source id returned by create contact.
	SourceID string `json:"source_id,omitempty"`
}

// Conversation is a LiveDesk conversation as the create call returns it.
// Only the fields the provider uses are decoded, so that an unexpected
// shape elsewhere in the answer cannot fail a create that succeeded.
type Conversation struct {
	// ID is the per-account display id used in paths.
	ID        Int64            `json:"id"`
	UUID      string           `json:"uuid"`
	AccountID Int64            `json:"account_id"`
	InboxID   Int64            `json:"inbox_id"`
	Status    string           `json:"status"`
	Meta      ConversationMeta `json:"meta"`
	CreatedAt Timestamp        `json:"created_at"`
	// Messages holds the conversation's last message, if it has any; a new
	// conversation has none. Only their number is used.
	Messages []json.RawMessage `json:"messages"`
	// AnsweredAt is the server's clock when it answered (the HTTP Date
	// header), to judge CreatedAt by; zero when the answer had no usable
	// Date. It is not part of the body.
	AnsweredAt time.Time `json:"-"`
}

// setServerDate records the answer's Date header.
func (c *Conversation) setServerDate(date time.Time) { c.AnsweredAt = date }

// ConversationMeta holds the conversation's sender, the contact.
type ConversationMeta struct {
	Sender ConversationSender `json:"sender"`
}

// ConversationSender is the contact a conversation is with.
type ConversationSender struct {
	ID   Int64  `json:"id"`
	Name string `json:"name"`
}

// ToggleStatusResult is the answer to a status change.
type ToggleStatusResult struct {
	Success        bool      `json:"success"`
	ConversationID Int64     `json:"conversation_id"`
	CurrentStatus  string    `json:"current_status"`
	SnoozedUntil   Timestamp `json:"snoozed_until"`
}

// Create creates a conversation (POST /api/v2/accounts/conversations).
// It is sent once: a server error or a lost answer is returned, not
// retried, because the conversation may exist (see MayHaveCommitted).
func (s *ConversationsService) Create(ctx context.Context, req CreateConversationRequest) (*Conversation, error) {
	body, err := jsonBody(req)
	if err != nil {
		return nil, err
	}
	const path = "/api/v2/accounts/conversations"
	var conv Conversation
	if err := s.client.create(ctx, path, body, &conv); err != nil {
		return nil, err
	}
	if conv.ID <= 0 {
		return nil, missingID(path)
	}
	return &conv, nil
}

// ToggleStatus sets a conversation's status
// (POST /api/v2/accounts/conversations/{id}/toggle_status). Setting a given
// status is safe to repeat, so it is retried like an update. LiveDesk
// refuses transitions its status matrix forbids (resolved to snoozed, for
// one) with an *APIError.
func (s *ConversationsService) ToggleStatus(ctx context.Context, conversationID int64, status string) (*ToggleStatusResult, error) {
	return s.SetStatus(ctx, conversationID, status, time.Time{})
}

// SetStatus is ToggleStatus with snoozed_until, sent as unix seconds when
// status is StatusSnoozed and until is not zero. A snoozed conversation
// without it stays snoozed until the contact's next message.
func (s *ConversationsService) SetStatus(ctx context.Context, conversationID int64, status string, until time.Time) (*ToggleStatusResult, error) {
	toggle := struct {
		Status       string `json:"status"`
		SnoozedUntil int64  `json:"snoozed_until,omitempty"`
	}{Status: status}
	if status == StatusSnoozed && !until.IsZero() {
		toggle.SnoozedUntil = until.Unix()
	}
	body, err := jsonBody(toggle)
	if err != nil {
		return nil, err
	}
	var out struct {
		Payload ToggleStatusResult `json:"payload"`
	}
	path := "/api/v2/accounts/conversations/" + strconv.FormatInt(conversationID, 10) + "/toggle_status"
	if err := s.client.do(ctx, http.MethodPost, path, body, &out); err != nil {
		return nil, err
	}
	return &out.Payload, nil
}

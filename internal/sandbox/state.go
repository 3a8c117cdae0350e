package sandbox

import (
	"cmp"
	"maps"
	"slices"
)

// State is a deep copy of everything the sandbox holds, as returned by
// Server.Snapshot and GET /_sandbox/state. Slices are sorted by ID.
type State struct {
	Contacts      []Contact      `json:"contacts"`
	Conversations []Conversation `json:"conversations"`
	Messages      []Message      `json:"messages"`
	// Tickets are sorted by ticket id, which follows creation order.
	Tickets []Ticket `json:"tickets"`
	// Requests counts every API request received, whether or not a fault
	// answered it, keyed by method and route pattern, with IDs left as the
	// pattern's wildcard: "POST /api/v2/accounts/conversations/{id}/messages",
	// "PUT /api/v2/accounts/tickets/{ticket_id}". Requests to unknown API
	// routes are keyed by their literal path.
	Requests map[string]int `json:"requests"`
	// Responses counts API answers by status code ("200", "429", ...);
	// connections closed without an answer count as "dropped".
	Responses map[string]int `json:"responses"`
	// Connections is the number of TCP connections accepted, when the
	// server runs through Start (0 otherwise).
	Connections int64 `json:"connections"`
}

// Contact is a contact as stored. InboxID and SourceID are those of the
// contact's first contact-inbox (the one it was created with).
type Contact struct {
	ID               int64             `json:"id"`
	InboxID          int64             `json:"inbox_id"`
	Name             string            `json:"name"`
	Email            string            `json:"email"`
	PhoneNumber      string            `json:"phone_number"`
	AvatarURL        string            `json:"avatar_url"`
	Identifier       string            `json:"identifier"`
	Blocked          bool              `json:"blocked"`
	CustomAttributes map[string]string `json:"custom_attributes"`
	SourceID         string            `json:"source_id"`
	CreatedAt        int64             `json:"created_at"` // unix seconds
}

// Conversation is a conversation as stored. ID is the per-account display
// ID that the API uses.
type Conversation struct {
	ID            int64  `json:"id"`
	UUID          string `json:"uuid"`
	InboxID       int64  `json:"inbox_id"`
	ContactID     int64  `json:"contact_id"`
	SourceID      string `json:"source_id"`
	Status        string `json:"status"`
	SnoozedUntil  *int64 `json:"snoozed_until"` // unix seconds
	CreatedAt     int64  `json:"created_at"`    // unix seconds
	StatusChanges int    `json:"status_changes"`
}

// Message is a message as stored.
type Message struct {
	ID             int64  `json:"id"`
	ConversationID int64  `json:"conversation_id"`
	Content        string `json:"content"`
	// MessageType is "outgoing" (from the agent) or "incoming" (from the contact).
	MessageType string `json:"message_type"`
	// SenderType is "user" for the agent, "contact" for the contact.
	SenderType  string       `json:"sender_type"`
	SenderID    int64        `json:"sender_id"`
	Private     bool         `json:"private"`
	InReplyTo   *int64       `json:"in_reply_to"`
	Attachments []Attachment `json:"attachments"`
	CreatedAt   int64        `json:"created_at"` // unix seconds
}

// Attachment describes a file sent with a message; its bytes are served at
// the data_url of the API response.
type Attachment struct {
	ID          int64  `json:"id"`
	FileName    string `json:"file_name"`
	ContentType string `json:"content_type"`
	FileType    string `json:"file_type"` // image, audio, video or file
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"` // hex
}

// Snapshot returns a deep copy of the sandbox's objects and counters.
func (s *Server) Snapshot() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return State{
		Contacts:      sortedCopies(s.data.contacts, func(c *contactRecord) Contact { return c.copy() }),
		Conversations: sortedCopies(s.data.conversations, func(c *conversationRecord) Conversation { return c.copy() }),
		Messages:      sortedCopies(s.data.messages, func(m *messageRecord) Message { return m.copy() }),
		Tickets:       sortedCopies(s.data.tickets, func(t *ticketRecord) Ticket { return t.copy() }),
		Requests:      maps.Clone(s.data.requests),
		Responses:     maps.Clone(s.data.responses),
		Connections:   s.connections.Load(),
	}
}

// sortedCopies copies the records of m, sorted by ID.
func sortedCopies[K cmp.Ordered, R any, T any](m map[K]R, cp func(R) T) []T {
	ids := slices.Sorted(maps.Keys(m))
	out := make([]T, 0, len(ids))
	for _, id := range ids {
		out = append(out, cp(m[id]))
	}
	return out
}

// copy returns the contact with its own map.
func (c *contactRecord) copy() Contact {
	out := c.Contact
	out.CustomAttributes = maps.Clone(c.CustomAttributes) // never nil: see addContactLocked and editContactLocked
	return out
}

// copy returns the conversation with its own pointers.
func (c *conversationRecord) copy() Conversation {
	out := c.Conversation
	out.SnoozedUntil = clonePtr(c.SnoozedUntil)
	return out
}

// copy returns the message with its own pointers and slice.
func (m *messageRecord) copy() Message {
	out := m.Message
	out.InReplyTo = clonePtr(m.InReplyTo)
	out.Attachments = append([]Attachment{}, m.Attachments...)
	return out
}

// clonePtr returns a pointer to a copy of *p, or nil.
func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

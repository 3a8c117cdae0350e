package sandbox

// This file renders stored objects in the JSON shapes of the vendor's
// example responses (internal/livedesk/testdata), key for key and type for
// type: always-null fields are typed any and left nil.

import (
	"bytes"
	"maps"
	"strconv"
	"time"
)

// channelAPI is the channel type of every sandbox inbox.
const channelAPI = "Channel::Api"

// nullable returns nil for "" so that unset strings render as null.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// floatSeconds is a time as float unix seconds with microseconds, like
// Chatwoot's updated_at.to_f: it always renders with a fraction.
type floatSeconds float64

// floatSecondsOf converts a time, truncated to the microsecond as
// PostgreSQL stores it.
func floatSecondsOf(t time.Time) floatSeconds {
	return floatSeconds(float64(t.UnixMicro()) / 1e6)
}

// MarshalJSON renders the number with at least one decimal.
func (f floatSeconds) MarshalJSON() ([]byte, error) {
	b := strconv.AppendFloat(nil, float64(f), 'f', -1, 64)
	if !bytes.ContainsRune(b, '.') {
		b = append(b, ".0"...)
	}
	return b, nil
}

// contactSenderJSON is a contact as meta.sender of a conversation.
type contactSenderJSON struct {
	AdditionalAttributes struct{}          `json:"additional_attributes"`
	AvailabilityStatus   string            `json:"availability_status"`
	Email                *string           `json:"email"`
	ID                   int64             `json:"id"`
	Name                 string            `json:"name"`
	PhoneNumber          *string           `json:"phone_number"`
	Blocked              bool              `json:"blocked"`
	Identifier           *string           `json:"identifier"`
	Thumbnail            string            `json:"thumbnail"`
	CustomAttributes     map[string]string `json:"custom_attributes"`
	CreatedAt            int64             `json:"created_at"`
}

// contactJSON is the contact object of the contacts endpoints.
type contactJSON struct {
	contactSenderJSON
	LastActivityAt int64 `json:"last_activity_at"`
	// ContactInboxes is omitted when include_contact_inboxes is false.
	ContactInboxes []contactInboxJSON `json:"contact_inboxes,omitempty"`
}

// contactInboxJSON links a contact to an inbox.
type contactInboxJSON struct {
	SourceID string    `json:"source_id"`
	Inbox    inboxJSON `json:"inbox"`
}

// inboxJSON is an inbox as embedded in contact objects.
type inboxJSON struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	ChannelType string `json:"channel_type"`
}

// renderInbox renders the inbox summary a contact-inbox embeds: every
// sandbox inbox is an API channel.
func renderInbox(in Inbox) inboxJSON {
	return inboxJSON{ID: in.ID, Name: in.Name, ChannelType: channelAPI}
}

// renderSender renders a contact as a conversation's meta.sender.
func renderSender(c *contactRecord) contactSenderJSON {
	return contactSenderJSON{
		AvailabilityStatus: "offline",
		Email:              nullable(c.Email),
		ID:                 c.ID,
		Name:               c.Name,
		PhoneNumber:        nullable(c.PhoneNumber),
		Blocked:            c.Blocked,
		Identifier:         nullable(c.Identifier),
		Thumbnail:          c.AvatarURL,
		CustomAttributes:   maps.Clone(c.CustomAttributes),
		CreatedAt:          c.CreatedAt,
	}
}

// renderContact renders a contact, with its contact-inboxes when asked.
func renderContact(c *contactRecord, withInboxes bool) contactJSON {
	out := contactJSON{contactSenderJSON: renderSender(c), LastActivityAt: c.lastActivityAt}
	if withInboxes {
		for _, link := range c.inboxes {
			out.ContactInboxes = append(out.ContactInboxes, contactInboxJSON{SourceID: link.sourceID, Inbox: renderInbox(link.inbox)})
		}
	}
	return out
}

// createContactJSON is the answer to POST /contacts.
type createContactJSON struct {
	Payload struct {
		Contact      contactJSON      `json:"contact"`
		ContactInbox contactInboxJSON `json:"contact_inbox"`
	} `json:"payload"`
}

// updateContactJSON is the answer to PATCH /contacts/{id}.
type updateContactJSON struct {
	Payload contactJSON `json:"payload"`
}

// contactListJSON is the answer to GET /contacts.
type contactListJSON struct {
	Meta struct {
		Count int `json:"count"`
		// CurrentPage is the raw page parameter (a string) when one was
		// sent, else the number 1.
		CurrentPage any `json:"current_page"`
	} `json:"meta"`
	Payload []contactJSON `json:"payload"`
}

// lastMessageJSON is the conversation's last message, which Chatwoot's
// conversation view carries in "messages" (empty for a new conversation).
type lastMessageJSON struct {
	ID             int64  `json:"id"`
	Content        string `json:"content"`
	MessageType    int    `json:"message_type"`
	ConversationID int64  `json:"conversation_id"`
	CreatedAt      int64  `json:"created_at"`
}

// conversationJSON is the answer to POST /conversations.
type conversationJSON struct {
	Meta                   conversationMetaJSON `json:"meta"`
	ID                     int64                `json:"id"`
	Messages               []lastMessageJSON    `json:"messages"`
	AccountID              int64                `json:"account_id"`
	UUID                   string               `json:"uuid"`
	InboxID                int64                `json:"inbox_id"`
	AdditionalAttributes   struct{}             `json:"additional_attributes"`
	AgentLastSeenAt        int64                `json:"agent_last_seen_at"`
	AssigneeLastSeenAt     int64                `json:"assignee_last_seen_at"`
	CanReply               bool                 `json:"can_reply"`
	ContactLastSeenAt      int64                `json:"contact_last_seen_at"`
	CustomAttributes       struct{}             `json:"custom_attributes"`
	Labels                 []string             `json:"labels"`
	Muted                  bool                 `json:"muted"`
	SnoozedUntil           *int64               `json:"snoozed_until"`
	Status                 string               `json:"status"`
	Priority               any                  `json:"priority"`
	ConversationCategory   string               `json:"conversation_category"`
	ChatMode               string               `json:"chat_mode"`
	IsForum                bool                 `json:"is_forum"`
	CreatedAt              int64                `json:"created_at"`
	UpdatedAt              floatSeconds         `json:"updated_at"`
	Timestamp              int64                `json:"timestamp"`
	FirstReplyCreatedAt    int64                `json:"first_reply_created_at"`
	UnreadCount            int                  `json:"unread_count"`
	LastNonActivityMessage any                  `json:"last_non_activity_message"`
	LastActivityAt         int64                `json:"last_activity_at"`
	WaitingSince           int64                `json:"waiting_since"`
	SLAPolicyID            any                  `json:"sla_policy_id"`
	TicketID               any                  `json:"ticket_id"`
	OverLimit              bool                 `json:"over_limit"`
	ContentPreview         struct {
		Content     any `json:"content"`
		MessageType any `json:"message_type"`
		CreatedAt   any `json:"created_at"`
	} `json:"content_preview"`
	Platform struct {
		ChannelType string `json:"channel_type"`
		InboxName   string `json:"inbox_name"`
		InboxID     int64  `json:"inbox_id"`
	} `json:"platform"`
	AccountInfo struct {
		ContactName   string  `json:"contact_name"`
		ContactEmail  *string `json:"contact_email"`
		ContactPhone  *string `json:"contact_phone"`
		ContactID     int64   `json:"contact_id"`
		ContactAvatar string  `json:"contact_avatar"`
	} `json:"account_info"`
	Assignment struct {
		AssigneeID    any `json:"assignee_id"`
		AssigneeName  any `json:"assignee_name"`
		AssigneeEmail any `json:"assignee_email"`
		TeamID        any `json:"team_id"`
		TeamName      any `json:"team_name"`
	} `json:"assignment"`
}

// conversationMetaJSON is a conversation's meta.
type conversationMetaJSON struct {
	Sender       contactSenderJSON `json:"sender"`
	Channel      string            `json:"channel"`
	HMACVerified bool              `json:"hmac_verified"`
}

// renderConversation renders a new conversation with its contact.
func renderConversation(conv *conversationRecord, c *contactRecord, accountID int64) conversationJSON {
	created := conv.CreatedAt
	out := conversationJSON{
		Meta:                 conversationMetaJSON{Sender: renderSender(c), Channel: channelAPI},
		ID:                   conv.ID,
		Messages:             []lastMessageJSON{},
		AccountID:            accountID,
		UUID:                 conv.UUID,
		InboxID:              conv.InboxID,
		CanReply:             true,
		Labels:               []string{},
		SnoozedUntil:         clonePtr(conv.SnoozedUntil),
		Status:               conv.Status,
		ConversationCategory: "chat",
		ChatMode:             "private_chat",
		CreatedAt:            created,
		UpdatedAt:            floatSecondsOf(conv.updatedAt),
		Timestamp:            created,
		LastActivityAt:       created,
		WaitingSince:         created,
	}
	out.Platform.ChannelType = channelAPI
	out.Platform.InboxName = conv.inboxName
	out.Platform.InboxID = conv.InboxID
	out.AccountInfo.ContactName = c.Name
	out.AccountInfo.ContactEmail = nullable(c.Email)
	out.AccountInfo.ContactPhone = nullable(c.PhoneNumber)
	out.AccountInfo.ContactID = c.ID
	out.AccountInfo.ContactAvatar = c.AvatarURL
	return out
}

// toggleStatusJSON is the answer to POST /conversations/{id}/toggle_status.
type toggleStatusJSON struct {
	Meta    struct{} `json:"meta"`
	Payload struct {
		Success        bool   `json:"success"`
		ConversationID int64  `json:"conversation_id"`
		CurrentStatus  string `json:"current_status"`
		SnoozedUntil   *int64 `json:"snoozed_until"`
	} `json:"payload"`
}

// renderToggleStatus renders a conversation's status after a change.
func renderToggleStatus(conv *conversationRecord) toggleStatusJSON {
	var out toggleStatusJSON
	out.Payload.Success = true
	out.Payload.ConversationID = conv.ID
	out.Payload.CurrentStatus = conv.Status
	out.Payload.SnoozedUntil = clonePtr(conv.SnoozedUntil)
	return out
}

// messageJSON is the answer to POST /conversations/{id}/messages.
type messageJSON struct {
	ID                int64                 `json:"id"`
	Content           *string               `json:"content"`
	InboxID           int64                 `json:"inbox_id"`
	ConversationID    int64                 `json:"conversation_id"`
	MessageType       int                   `json:"message_type"`
	ContentType       string                `json:"content_type"`
	Status            string                `json:"status"`
	ContentAttributes contentAttributesJSON `json:"content_attributes"`
	CreatedAt         int64                 `json:"created_at"`
	Private           bool                  `json:"private"`
	SourceID          any                   `json:"source_id"`
	SortingID         int64                 `json:"sorting_id"`
	Sender            senderJSON            `json:"sender"`
	// Attachments is present only when files were sent.
	Attachments []attachmentJSON `json:"attachments,omitempty"`
}

// contentAttributesJSON is a message's content_attributes.
type contentAttributesJSON struct {
	InReplyTo *int64 `json:"in_reply_to,omitempty"`
}

// senderJSON is the agent a message is sent as.
type senderJSON struct {
	ID                 int64  `json:"id"`
	Name               string `json:"name"`
	AvailableName      string `json:"available_name"`
	AvatarURL          string `json:"avatar_url"`
	Type               string `json:"type"`
	AvailabilityStatus string `json:"availability_status"`
	Thumbnail          string `json:"thumbnail"`
}

// messageTypeCode is the integer Chatwoot answers for a message type.
func messageTypeCode(messageType string) int {
	if messageType == messageIncoming {
		return 0
	}
	return 1
}

// sandboxAgent is the agent every outgoing API message is sent as.
var sandboxAgent = senderJSON{
	ID:                 1,
	Name:               "Sandbox Agent",
	AvailableName:      "Sandbox Agent",
	Type:               "user",
	AvailabilityStatus: "offline",
}

// attachmentJSON is a file of a message.
type attachmentJSON struct {
	ID        int64  `json:"id"`
	MessageID int64  `json:"message_id"`
	FileType  string `json:"file_type"`
	AccountID int64  `json:"account_id"`
	Extension any    `json:"extension"`
	DataURL   string `json:"data_url"`
	ThumbURL  string `json:"thumb_url"`
	FileSize  int64  `json:"file_size"`
	Width     any    `json:"width"`
	Height    any    `json:"height"`
}

// renderMessage renders a new message; baseURL ("http://host") prefixes
// the attachment URLs.
func renderMessage(m *messageRecord, accountID int64, baseURL string) messageJSON {
	out := messageJSON{
		ID:                m.ID,
		Content:           nullable(m.Content),
		InboxID:           m.inboxID,
		ConversationID:    m.ConversationID,
		MessageType:       messageTypeCode(m.MessageType),
		ContentType:       "text",
		Status:            "sent",
		ContentAttributes: contentAttributesJSON{InReplyTo: clonePtr(m.InReplyTo)},
		CreatedAt:         m.CreatedAt,
		Private:           m.Private,
		SortingID:         m.sortingID,
		Sender:            sandboxAgent,
	}
	if m.SenderType == "contact" {
		out.Sender = senderJSON{ID: m.SenderID, Name: m.senderName, AvailableName: m.senderName, Type: "contact"}
	}
	for i, a := range m.Attachments {
		out.Attachments = append(out.Attachments, attachmentJSON{
			ID:        a.ID,
			MessageID: m.ID,
			FileType:  a.FileType,
			AccountID: accountID,
			DataURL:   blobURL(baseURL, "blobs", m.blobTokens[i], a.FileName),
			ThumbURL:  thumbURL(baseURL, m.blobTokens[i], a),
			FileSize:  a.Size,
		})
	}
	return out
}

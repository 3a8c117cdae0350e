package sandbox

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"
)

// Limits of multipart uploads: the whole body, and how much of it is held
// in memory before spilling to temporary files while parsing.
const (
	maxMultipartBody   = 256 << 20
	maxMultipartMemory = 32 << 20
)

// messageInput is a decoded send-message request.
type messageInput struct {
	Content string `json:"content"`
	// MessageType is the Chatwoot message builder's parameter: "incoming"
	// sends as the conversation's contact; "outgoing" (the default) as the
	// agent. LiveDesk's page does not list it.
	MessageType       string `json:"message_type"`
	Private           bool   `json:"private"`
	ContentAttributes struct {
		InReplyTo flexibleID `json:"in_reply_to"`
	} `json:"content_attributes"`
	uploads []blob // the attachments[] files
}

// sendMessage answers POST /conversations/{id}/messages, sent either as JSON
// or as multipart/form-data with attachments[] files.
func (s *Server) sendMessage(r *http.Request) (any, *apiError) {
	convID, err := pathID(r)
	if err != nil {
		return nil, err
	}
	in, err := decodeMessage(r)
	if err != nil {
		return nil, err
	}
	inReplyTo, err := in.ContentAttributes.InReplyTo.value("content_attributes.in_reply_to")
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	conv, ok := s.data.conversations[convID]
	if !ok {
		return nil, notFound()
	}
	if in.Content == "" && len(in.uploads) == 0 {
		return nil, unprocessable("content or attachments[] is required")
	}
	switch in.MessageType {
	case "", messageOutgoing, messageIncoming:
	default:
		return nil, unprocessable("message_type %q is not accepted: use incoming or outgoing", in.MessageType)
	}
	out := s.addMessageLocked(conv, in, inReplyTo, s.nowLocked())
	return renderMessage(out, s.accountID, "http://"+r.Host), nil
}

// decodeMessage reads a JSON or multipart send-message request.
func decodeMessage(r *http.Request) (messageInput, *apiError) {
	var in messageInput
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType != "multipart/form-data" {
		return in, decodeJSON(r, &in)
	}
	r.Body = http.MaxBytesReader(nil, r.Body, maxMultipartBody)
	if err := r.ParseMultipartForm(maxMultipartMemory); err != nil { //nolint:gosec // G120: bounded by the MaxBytesReader above.
		return in, unprocessable("Malformed multipart body")
	}
	form := r.MultipartForm
	defer func() { _ = form.RemoveAll() }()
	for name, values := range form.Value {
		for _, v := range values {
			if !utf8.ValidString(v) {
				// Rails refuses such parameters too.
				return in, unprocessable("%s is not valid UTF-8", name)
			}
		}
	}
	in.Content = formValue(form, "content")
	in.MessageType = formValue(form, "message_type")
	if v := formValue(form, "private"); v != "" {
		private, err := strconv.ParseBool(v)
		if err != nil {
			return in, unprocessable("private must be true or false")
		}
		in.Private = private
	}
	if v := formValue(form, "content_attributes"); v != "" {
		if err := jsonError(json.Unmarshal([]byte(v), &in.ContentAttributes)); err != nil {
			return in, unprocessable("content_attributes must be a JSON object such as {\"in_reply_to\": 29}")
		}
	}
	for _, fh := range form.File["attachments[]"] {
		u, err := readUpload(fh)
		if err != nil {
			return in, unprocessable("attachment %q could not be read", fh.Filename)
		}
		in.uploads = append(in.uploads, u)
	}
	return in, nil
}

// formValue returns the first value of a multipart field, or "".
func formValue(form *multipart.Form, name string) string {
	if v := form.Value[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// readUpload reads an uploaded file into memory.
func readUpload(fh *multipart.FileHeader) (blob, error) {
	f, err := fh.Open()
	if err != nil {
		return blob{}, err
	}
	defer func() { _ = f.Close() }()
	data, err := io.ReadAll(f)
	if err != nil {
		return blob{}, err
	}
	return blob{name: fh.Filename, contentType: detectContentType(fh.Filename, fh.Header.Get("Content-Type"), data), data: data}, nil
}

// Message directions, as the API takes them.
const (
	messageOutgoing = "outgoing"
	messageIncoming = "incoming"
)

// addMessageLocked stores a message and its files; s.mu must be held. As
// in Chatwoot's message builder, an incoming message is sent by the
// conversation's contact, and it reopens a resolved or snoozed
// conversation.
func (s *Server) addMessageLocked(conv *conversationRecord, in messageInput, inReplyTo int64, now time.Time) *messageRecord {
	conv.lastSorting++
	m := &messageRecord{
		Message: Message{
			ID:             s.data.messageIDs.next(),
			ConversationID: conv.ID,
			Content:        in.Content,
			MessageType:    messageOutgoing,
			Private:        in.Private,
			SenderType:     "user",
			SenderID:       sandboxAgent.ID,
			Attachments:    []Attachment{},
			CreatedAt:      now.Unix(),
		},
		inboxID:   conv.InboxID,
		sortingID: conv.lastSorting,
	}
	if in.MessageType == messageIncoming {
		m.MessageType, m.SenderType, m.SenderID = messageIncoming, "contact", conv.ContactID
		if contact, ok := s.data.contacts[conv.ContactID]; ok {
			m.senderName = contact.Name
		}
		if conv.Status == statusResolved || conv.Status == statusSnoozed {
			conv.Status, conv.SnoozedUntil = statusOpen, nil
		}
	}
	if inReplyTo != 0 {
		m.InReplyTo = &inReplyTo
	}
	for _, u := range in.uploads {
		sum := sha256.Sum256(u.data)
		m.Attachments = append(m.Attachments, Attachment{
			ID:          s.data.attachmentIDs.next(),
			FileName:    u.name,
			ContentType: u.contentType,
			FileType:    fileType(u.contentType),
			Size:        int64(len(u.data)),
			SHA256:      hex.EncodeToString(sum[:]),
		})
		token := rand.Text()
		s.data.blobs[token] = u
		m.blobTokens = append(m.blobTokens, token)
	}
	s.data.messages[m.ID] = m
	conv.updatedAt = now
	return m
}

package livedesk

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"path/filepath"
	"strconv"
	"strings"
)

// MessagesService sends messages to conversations.
type MessagesService struct {
	client *Client
}

// File is an attachment to send with a message.
type File struct {
	// Name is the file name LiveDesk shows (a base name, no directories).
	Name string
	// Data is the file's content.
	Data []byte
}

// CreateMessageRequest describes a message to send.
type CreateMessageRequest struct {
	// Content is the message text. Required.
	Content string
	// Private makes the message a private note, visible to agents only.
	Private bool
	// InReplyTo is the id of the message this one answers, or 0.
	InReplyTo int64
	// Files are sent as multipart attachments[] when present.
	Files []File
}

// Message is a LiveDesk message as the send call returns it. Only the
// fields the provider uses are decoded, so that an unexpected shape
// elsewhere in the answer cannot fail a send that succeeded.
type Message struct {
	ID             Int64        `json:"id"`
	Content        string       `json:"content"`
	ConversationID Int64        `json:"conversation_id"`
	MessageType    MessageType  `json:"message_type"`
	ContentType    string       `json:"content_type"`
	Status         string       `json:"status"`
	CreatedAt      Timestamp    `json:"created_at"`
	Private        bool         `json:"private"`
	Sender         Sender       `json:"sender"`
	Attachments    []Attachment `json:"attachments"`
}

// Sender is the agent, bot or contact that sent a message.
type Sender struct {
	ID   Int64  `json:"id"`
	Name string `json:"name"`
	// Type is "user" (an agent), "agent_bot" or "contact".
	Type string `json:"type"`
}

// Attachment is a file stored with a message.
type Attachment struct {
	ID        Int64  `json:"id"`
	MessageID Int64  `json:"message_id"`
	FileType  string `json:"file_type"`
	AccountID Int64  `json:"account_id"`
	Extension string `json:"extension"`
	DataURL   string `json:"data_url"`
	ThumbURL  string `json:"thumb_url"`
	FileSize  Int64  `json:"file_size"`
	// Width and Height are nil unless LiveDesk measured an image.
	Width  *Int64 `json:"width"`
	Height *Int64 `json:"height"`
}

// jsonMessage is the JSON body of a message without files, as the vendor
// example sends it.
type jsonMessage struct {
	Content           string          `json:"content"`
	Private           bool            `json:"private"`
	ContentAttributes *replyReference `json:"content_attributes,omitempty"`
}

// replyReference is content_attributes carrying in_reply_to as a number.
type replyReference struct {
	InReplyTo int64 `json:"in_reply_to"`
}

// Create sends a message (POST /api/v2/accounts/conversations/{id}/messages):
// as JSON without files, as multipart/form-data with parts content and
// attachments[] when there are files. Like every create it is sent once; a
// server error or a lost answer is returned, never retried.
func (s *MessagesService) Create(ctx context.Context, conversationID int64, req CreateMessageRequest) (*Message, error) {
	body, err := encodeMessage(req)
	if err != nil {
		return nil, err
	}
	var msg Message
	path := "/api/v2/accounts/conversations/" + strconv.FormatInt(conversationID, 10) + "/messages"
	if err := s.client.create(ctx, path, body, &msg); err != nil {
		return nil, err
	}
	if msg.ID <= 0 {
		return nil, missingID(path)
	}
	return &msg, nil
}

// encodeMessage picks the body format for a message.
func encodeMessage(req CreateMessageRequest) (*requestBody, error) {
	var reply *replyReference
	if req.InReplyTo != 0 {
		reply = &replyReference{InReplyTo: req.InReplyTo}
	}
	if len(req.Files) == 0 {
		return jsonBody(jsonMessage{Content: req.Content, Private: req.Private, ContentAttributes: reply})
	}
	return multipartMessage(req, reply)
}

// multipartMessage encodes a message with files: text fields content and
// private, content_attributes as a JSON string, and one attachments[] part
// per file.
func multipartMessage(req CreateMessageRequest, reply *replyReference) (*requestBody, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fields := [][2]string{{"content", req.Content}, {"private", strconv.FormatBool(req.Private)}}
	if reply != nil {
		attrs, err := json.Marshal(reply)
		if err != nil {
			return nil, fmt.Errorf("livedesk: encoding content_attributes: %w", err)
		}
		fields = append(fields, [2]string{"content_attributes", string(attrs)})
	}
	for _, field := range fields {
		if err := w.WriteField(field[0], field[1]); err != nil {
			return nil, fmt.Errorf("livedesk: encoding %s: %w", field[0], err)
		}
	}
	for _, file := range req.Files {
		header := make(textproto.MIMEHeader)
		header.Set("Content-Disposition", mime.FormatMediaType("form-data", map[string]string{"name": "attachments[]", "filename": file.Name}))
		header.Set("Content-Type", fileContentType(file))
		part, err := w.CreatePart(header)
		if err != nil {
			return nil, fmt.Errorf("livedesk: encoding attachment %s: %w", file.Name, err)
		}
		if _, err := part.Write(file.Data); err != nil {
			return nil, fmt.Errorf("livedesk: encoding attachment %s: %w", file.Name, err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("livedesk: encoding multipart body: %w", err)
	}
	return &requestBody{contentType: w.FormDataContentType(), data: buf.Bytes()}, nil
}

// fileContentType guesses a file's media type from its extension, then
// from its first bytes.
func fileContentType(file File) string {
	if byExt := mime.TypeByExtension(strings.ToLower(filepath.Ext(file.Name))); byExt != "" {
		return byExt
	}
	return http.DetectContentType(file.Data)
}

package livedesk

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

// Message directions accepted by CreateMessageRequest.MessageType.
const (
	// MessageOutgoing is a message from the agent behind the API key, the
	// default.
	MessageOutgoing = "outgoing"
	// MessageIncoming is a message from the conversation's contact. LiveDesk's
	// send-message page does not list it; the Chatwoot message builder
	// underneath accepts it on API-channel inboxes.
	MessageIncoming = "incoming"
)

// File is an attachment to send with a message. It is read from Open while
// the request is written, once per attempt, so that a large file is never
// held in memory.
type File struct {
	// Name is the file name LiveDesk shows (a base name, no directories).
	Name string
	// Open returns the file's content from its start. An error returned by
	// Open or by the reader stops the request before it is complete, so the
	// server cannot act on it; Create then returns an *AttachmentError.
	Open func() (io.ReadCloser, error)
}

// CreateMessageRequest describes a message to send.
type CreateMessageRequest struct {
	// Content is the message text. It may be empty when Files are sent.
	Content string
	// MessageType is MessageIncoming or MessageOutgoing; empty means
	// MessageOutgoing. It is sent as the message_type parameter unless it
	// means MessageOutgoing: the vendor's examples leave it out then.
	MessageType string
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
	Content           string          `json:"content,omitempty"`
	MessageType       string          `json:"message_type,omitempty"`
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

// encodeMessage picks the body format: JSON without files, multipart with
// them. MessageOutgoing is left out of either, as the vendor's examples
// leave it out; the API takes an absent message_type as outgoing.
func encodeMessage(req CreateMessageRequest) (*requestBody, error) {
	var reply *replyReference
	if req.InReplyTo != 0 {
		reply = &replyReference{InReplyTo: req.InReplyTo}
	}
	messageType := req.MessageType
	if messageType == MessageOutgoing {
		messageType = ""
	}
	if len(req.Files) == 0 {
		return jsonBody(jsonMessage{Content: req.Content, MessageType: messageType, Private: req.Private, ContentAttributes: reply})
	}
	fields := [][2]string{{"content", req.Content}, {"message_type", messageType}, {"private", strconv.FormatBool(req.Private)}}
	if reply != nil {
		attrs, err := json.Marshal(reply)
		if err != nil {
			return nil, fmt.Errorf("livedesk: encoding content_attributes: %w", err)
		}
		fields = append(fields, [2]string{"content_attributes", string(attrs)})
	}
	return multipartMessage(fields, req.Files), nil
}

// multipartMessage is a body written anew for each attempt: the non-empty
// text fields, then one attachments[] part per file, streamed from the
// file. The boundary is chosen once, so every attempt sends the same bytes.
func multipartMessage(fields [][2]string, files []File) *requestBody {
	boundary := multipart.NewWriter(io.Discard).Boundary()
	write := func(dst io.Writer) error {
		w := multipart.NewWriter(dst)
		if err := w.SetBoundary(boundary); err != nil {
			return fmt.Errorf("livedesk: encoding multipart body: %w", err)
		}
		for _, field := range fields {
			if field[1] == "" {
				continue
			}
			if err := w.WriteField(field[0], field[1]); err != nil {
				return err
			}
		}
		for _, file := range files {
			if err := writeAttachment(w, file); err != nil {
				return err
			}
		}
		return w.Close()
	}
	return &requestBody{contentType: "multipart/form-data; boundary=" + boundary, write: write}
}

// writeAttachment streams one file into an attachments[] part. Its media
// type comes from the extension, else from its first bytes.
func writeAttachment(w *multipart.Writer, file File) error {
	src, err := file.Open()
	if err != nil {
		return &AttachmentError{Name: file.Name, Err: err}
	}
	defer func() { _ = src.Close() }()
	content := bufio.NewReaderSize(attachmentReader{name: file.Name, r: src}, copyBufferLen)
	contentType := mime.TypeByExtension(strings.ToLower(filepath.Ext(file.Name)))
	if contentType == "" {
		head, err := content.Peek(sniffLen)
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		contentType = http.DetectContentType(head)
	}
	header := make(textproto.MIMEHeader)
	header.Set("Content-Disposition", mime.FormatMediaType("form-data", map[string]string{"name": "attachments[]", "filename": file.Name}))
	header.Set("Content-Type", contentType)
	part, err := w.CreatePart(header)
	if err != nil {
		return err
	}
	_, err = content.WriteTo(part)
	return err
}

// sniffLen is how many bytes http.DetectContentType looks at.
const sniffLen = 512

// copyBufferLen is the size of the chunks a file is streamed in: large
// enough that the pipe to the HTTP client is not crossed per small write.
const copyBufferLen = 64 << 10

// attachmentReader reads a file to attach and turns its read errors into
// *AttachmentError, so that they can be told apart from a failed write to
// the connection.
type attachmentReader struct {
	name string
	r    io.Reader
}

// Read passes io.EOF through and wraps every other error in an
// *AttachmentError, which attempt recognises after the HTTP client returns.
func (a attachmentReader) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		err = &AttachmentError{Name: a.name, Err: err}
	}
	return n, err
}

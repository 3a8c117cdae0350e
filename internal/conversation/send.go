package conversation

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// MessageCreator sends one message: the client's Messages service.
type MessageCreator interface {
	Create(ctx context.Context, conversationID int64, req livedesk.CreateMessageRequest) (*livedesk.Message, error)
}

// Sender sends messages: the one place the provider's code calls the
// client's message create.
type Sender struct {
	Messages MessageCreator
	// Explain turns a client error into what the user needs to know.
	Explain func(error) string
}

// Outgoing is one message to send.
type Outgoing struct {
	Content   string
	Type      string
	Private   bool
	InReplyTo int64
	// Files are the paths to attach; Hashes the SHA-256s the plan recorded
	// for them, or nil when the plan could not hash them (a path known only
	// at apply): they are hashed now.
	Files  []string
	Hashes []string
}

// Sent is what LiveDesk answered to a message sent.
type Sent struct {
	Message *livedesk.Message
	// Hashes are the SHA-256s of the files sent; nil without files.
	Hashes []string
	// Direction is the direction LiveDesk recorded (the one asked for when
	// the answer did not say).
	Direction string
	// Warning, when set, says that LiveDesk recorded another direction
	// than the one asked for.
	Warning string
}

// Request builds the send request, with each file pinned to its hash: a
// file edited after the plan stops the request before it is complete. It
// returns the hashes sent.
func (o Outgoing) Request() (livedesk.CreateMessageRequest, []string, error) {
	req := livedesk.CreateMessageRequest{Content: o.Content, MessageType: o.Type, Private: o.Private, InReplyTo: o.InReplyTo}
	if o.Files == nil {
		return req, nil, nil
	}
	hashes := o.Hashes
	if hashes == nil {
		var err error
		if hashes, err = HashFiles(o.Files); err != nil {
			return req, nil, fmt.Errorf("cannot attach the files: %w. Nothing was sent", err)
		}
	}
	req.Files = PinnedFiles(o.Files, hashes)
	return req, hashes, nil
}

// SendError is a message that was not sent, or whose sending is not
// certain.
type SendError struct {
	// Reason is what went wrong.
	Reason string
	// MayHaveArrived is set when the request reached LiveDesk and its
	// answer was lost or was a server error: the message may be there.
	MayHaveArrived bool
	// Cause is the client's error, if any.
	Cause error
}

// Error is the reason.
func (e *SendError) Error() string { return e.Reason }

// Unwrap returns the client's error.
func (e *SendError) Unwrap() error { return e.Cause }

// Send sends one message to conversation id with exactly one request and
// checks the direction LiveDesk recorded.
func (s Sender) Send(ctx context.Context, id int64, out Outgoing) (Sent, error) {
	req, hashes, err := out.Request()
	if err != nil {
		return Sent{}, &SendError{Reason: err.Error()}
	}
	msg, err := s.Messages.Create(ctx, id, req)
	if err != nil {
		return Sent{}, &SendError{Reason: s.Explain(err), MayHaveArrived: livedesk.MayHaveCommitted(err), Cause: err}
	}
	sent := Sent{Message: msg, Hashes: hashes, Direction: out.Type}
	if got := string(msg.MessageType); got != "" {
		sent.Direction = got
	}
	if sent.Direction != out.Type {
		sent.Warning = fmt.Sprintf("Message %d was sent as %q but LiveDesk answered that it is %q. Check that the inbox is an API channel.",
			int64(msg.ID), out.Type, sent.Direction)
	}
	return sent, nil
}

// Transcript sends messages[from:] to conversation id, one at a time and
// in order, each after LiveDesk answered the one before; a reply_to is
// sent as the id LiveDesk gave the element it names, and the files of an
// element whose Hashes the plan could not know (a path was known only at
// apply) are hashed as it is sent. It records each answer in
// messages[i].ID and returns the answers of the elements sent and, when
// one failed, a *TranscriptError.
func (s Sender) Transcript(ctx context.Context, id int64, messages []Message, from int) ([]Sent, error) {
	var answers []Sent
	for i := from; i < len(messages); i++ {
		m := &messages[i]
		out := Outgoing{Content: m.Content.Get(), Type: m.Type.Get(), Private: m.Private.Get(), InReplyTo: m.InReplyTo.Get(), Files: m.Files}
		if m.ReplyTo.IsKnown() {
			out.InReplyTo = messages[m.ReplyTo.Get()].ID.Get()
		}
		out.Hashes = SplitHashes(m.Hashes)
		failed := &TranscriptError{ConversationID: id, Index: i, Preview: Preview(i, *m), Held: HeldIDs(messages[:i])}
		sent, err := s.Send(ctx, id, out)
		var sendErr *SendError
		if errors.As(err, &sendErr) {
			failed.Reason, failed.MayHaveArrived = sendErr.Reason, sendErr.MayHaveArrived
			return answers, failed
		}
		m.ID = Known(int64(sent.Message.ID))
		if sent.Hashes != nil {
			m.Hashes = Known(strings.Join(sent.Hashes, ","))
		}
		answers = append(answers, sent)
	}
	return answers, nil
}

// SplitHashes reads Message.Hashes: the SHA-256s in order, nil when null
// or unknown.
func SplitHashes(v Value[string]) []string {
	switch {
	case !v.IsKnown():
		return nil
	case v.Get() == "":
		return []string{}
	}
	return strings.Split(v.Get(), ",")
}

// HeldIDs are the ids LiveDesk gave messages.
func HeldIDs(messages []Message) []int64 {
	ids := make([]int64, len(messages))
	for i, m := range messages {
		ids[i] = m.ID.Get()
	}
	return ids
}

// Directions are the directions LiveDesk recorded for answers.
func Directions(answers []Sent) []string {
	directions := make([]string, len(answers))
	for i, a := range answers {
		directions[i] = a.Direction
	}
	return directions
}

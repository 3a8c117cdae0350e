package conversation

import (
	"fmt"
	"strings"
)

// Message is one message as a transcript or a livedesk_message holds it:
// what it asks LiveDesk to hold, and, once sent, the id LiveDesk gave it.
type Message struct {
	// Content is the text; null when only files are sent.
	Content Value[string]
	// Type is the direction, livedesk.MessageOutgoing or MessageIncoming.
	Type Value[string]
	// Private marks a private note.
	Private Value[bool]
	// ReplyTo is the index of an earlier element of the transcript that
	// this one answers; InReplyTo is the id of a message from elsewhere.
	ReplyTo   Value[int64]
	InReplyTo Value[int64]
	// Files are the paths of the attached files, as far as they are known
	// (they name the message to the user); nil without files.
	Files []string
	// Hashes are the files' bytes: their SHA-256s in order, joined by
	// commas ("" for an empty list), null without files, unknown while a
	// path is. Hashes null with Files set is a message adopted by an import
	// whose files could not be read: its bytes are taken as configured.
	Hashes Value[string]
	// ID is the id LiveDesk gave the message: known once it was sent or
	// adopted, unknown while it is planned.
	ID Value[int64]
}

// Element is a message as a plan configures it, with what is known of its
// files: Files holds the paths known, and FilesUnknown is set when the
// list, or one of its paths, is known only at apply.
type Element struct {
	Message
	FilesUnknown bool
}

// partlyUnknown reports whether any of the values that say what
// LiveDesk holds is not known yet.
func (m Message) partlyUnknown() bool {
	return m.Content.IsUnknown() || m.Type.IsUnknown() || m.Private.IsUnknown() || m.ReplyTo.IsUnknown() ||
		m.InReplyTo.IsUnknown() || m.Hashes.IsUnknown()
}

// Preview names element i of a transcript to the user: its index and the
// start of its text, or its files.
func Preview(i int, m Message) string {
	text := ContentPreview(m.Content.Get())
	if text == "" {
		text = "files " + strings.Join(m.Files, ", ")
	}
	return fmt.Sprintf("messages[%d] (%q)", i, text)
}

// ContentPreview is the start of a message's text, on one line.
func ContentPreview(content string) string {
	const limit = 40
	content = strings.Join(strings.Fields(content), " ")
	if r := []rune(content); len(r) > limit {
		return string(r[:limit]) + "…"
	}
	return content
}

// changedField names the first value of a sent message whose planned
// value is known and differs from the one sent, or "".
func changedField(planned, sent Message) string {
	switch {
	case !planned.Content.IsUnknown() && !planned.Content.Equal(sent.Content):
		return "content"
	case !planned.Type.IsUnknown() && !planned.Type.Equal(sent.Type):
		return "message_type"
	case !planned.Private.IsUnknown() && !planned.Private.Equal(sent.Private):
		return "private"
	case !planned.ReplyTo.IsUnknown() && !planned.ReplyTo.Equal(sent.ReplyTo):
		return "reply_to"
	case !planned.InReplyTo.IsUnknown() && !planned.InReplyTo.Equal(sent.InReplyTo):
		return "in_reply_to"
	case sent.Hashes.IsNull() && len(sent.Files) > 0:
		// Adopted when its files could not be read: nothing to compare.
		return ""
	case !planned.Hashes.IsUnknown() && !planned.Hashes.Equal(sent.Hashes):
		return "files' bytes"
	}
	return ""
}

package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/tfwire"
)

// An entry's transcript, planned and sent with the engine as
// livedesk_conversation's (see transcript_plan.go), on the values of
// bulk_conversations_values.go.

// bulkTranscriptInput is what an entry's transcript is planned from.
type bulkTranscriptInput struct {
	// at is the path of the messages attribute, for diagnostics.
	at path.Path
	// list is the planned transcript; sent those the state records.
	list bulkMessages
	sent []bulkMessage
	// held are the ids an adopting import brought.
	held []int64
	// conversationID is the conversation's id, when it has one; target
	// writes its import id in advice.
	conversationID string
	target         conversation.ImportTarget
}

// bulkTranscript is an entry's planned transcript: the engine's plan and
// the elements as the plan shows them.
type bulkTranscript struct {
	conversation.TranscriptPlan
	messages bulkMessages
}

// newMessages are the planned elements the apply sends.
func (p bulkTranscript) newMessages() []bulkMessage {
	return p.messages.List[min(p.Kept, len(p.messages.List)):]
}

// planTranscript plans in.list against in.sent with the engine (see
// conversation.PlanTranscript), hashing the files of every element.
func (r *bulkResource) planTranscript(in bulkTranscriptInput, diags *diag.Diagnostics) bulkTranscript {
	if in.list.Unknown {
		return bulkTranscript{messages: in.list}
	}
	planned := slices.Clone(in.list.List)
	sent, held := in.sent, in.held
	if err := conversation.CheckHeld(held, len(planned)); err != nil {
		diags.AddAttributeError(in.at, "More message ids imported than messages configured", fmt.Sprintf(
			"%s. Write the messages the conversation already holds as the first %d elements, or import it again with the ids of those you configure: %s",
			err, len(held), conversation.ImportCommand(in.target, in.conversationID, nil, "<message id>,<message id>,…")))
		return bulkTranscript{}
	}
	if len(held) > 0 {
		sent = r.adoptedMessages(in.at, planned[:len(held)], held, diags)
	}
	for i := range planned {
		files := in.at.AtListIndex(i).AtName("files")
		switch {
		case planned[i].Unknown:
		case i < len(sent) && (i < len(held) || sent[i].Hashes.IsNull() && sent[i].Files != nil):
			// Adopted: the bytes are taken as configured.
			planned[i].Hashes = sent[i].Hashes
		case i < len(sent):
			planned[i].Hashes = plannedFileHashes(files, planned[i], &sent[i], diags)
		default:
			planned[i].Hashes = plannedFileHashes(files, planned[i], nil, diags)
		}
	}
	plan, err := conversation.PlanTranscript(conversation.TranscriptInput{Planned: engineOf(planned), Sent: engineOf(sent)})
	if err != nil {
		diags.AddAttributeError(in.at, "Cannot plan the transcript", err.Error())
		return bulkTranscript{}
	}
	for i := range planned {
		if i < plan.Kept {
			planned[i].ID, planned[i].CreatedAt, planned[i].Attachments = sent[i].ID, sent[i].CreatedAt, sent[i].Attachments
			continue
		}
		planned[i].ID, planned[i].CreatedAt = conversation.Unknown[int64](), conversation.Unknown[int64]()
		planned[i].Attachments = tfwire.UnknownValue()
	}
	return bulkTranscript{TranscriptPlan: plan, messages: bulkMessages{Null: in.list.Null, List: planned}}
}

// adoptedMessages are the first elements of a transcript as an import
// with held message ids adopts them (see adoptedMessages of
// livedesk_conversation).
func (r *bulkResource) adoptedMessages(at path.Path, configured []bulkMessage, held []int64, diags *diag.Diagnostics) []bulkMessage {
	adopted := make([]bulkMessage, len(held))
	for i, id := range held {
		m := configured[i]
		m.ID, m.CreatedAt = conversation.Known(id), conversation.Null[int64]()
		m.Attachments = tfwire.NullValue()
		var unreadable diag.Diagnostics
		m.Hashes = plannedFileHashes(at.AtListIndex(i).AtName("files"), m, nil, &unreadable)
		if unreadable.HasError() {
			m.Hashes = conversation.Null[string]()
		}
		if m.Hashes.IsUnknown() {
			diags.AddAttributeError(at.AtListIndex(i).AtName("files"), "Files of an adopted message must be known at plan time",
				fmt.Sprintf("messages[%d] adopts message %d, which is already in LiveDesk, so its files are only recorded: write their paths without values known only at apply.", i, id))
		}
		adopted[i] = m
	}
	return adopted
}

// plannedFileHashes is files_sha256 for the files of m, as plannedHashes
// says, joined as the engine holds them; sent is the element sent at its
// place, if any.
func plannedFileHashes(at path.Path, m bulkMessage, sent *bulkMessage, diags *diag.Diagnostics) conversation.Value[string] {
	switch {
	case m.FilesUnknown:
		return conversation.Unknown[string]()
	case m.Files == nil:
		return conversation.Null[string]()
	}
	var hashes []string
	var err error
	if sent == nil {
		hashes, err = conversation.HashFiles(m.Files)
	} else {
		hashes, err = conversation.RehashSentFiles(m.Files, sent.Files, splitJoined(sent.Hashes))
	}
	if err != nil {
		diags.AddAttributeError(at, "Cannot read a file to attach", err.Error())
		return conversation.Unknown[string]()
	}
	return conversation.Known(strings.Join(hashes, ","))
}

// splitJoined reads joined strings (see joinedStrings): nil when null.
func splitJoined(v conversation.Value[string]) []string {
	switch {
	case !v.IsKnown():
		return nil
	case v.Get() == "":
		return []string{}
	}
	return strings.Split(v.Get(), ",")
}

// engineOf are transcript elements as the engine holds them.
func engineOf(messages []bulkMessage) []conversation.Message {
	out := make([]conversation.Message, len(messages))
	for i, m := range messages {
		out[i] = m.Message
	}
	return out
}

// bulkDirections are the directions of transcript elements, as planned.
func bulkDirections(messages []bulkMessage) []conversation.Value[string] {
	out := make([]conversation.Value[string], len(messages))
	for i, m := range messages {
		out[i] = m.Type
	}
	return out
}

// sendTranscript sends messages[from:] to a conversation with the engine
// (see conversation.Sender.Transcript) and fills in what LiveDesk
// answered. It returns how many elements LiveDesk now holds for certain,
// the directions it recorded for those sent, warnings about directions
// other than asked, and, when a send failed, a
// *conversation.TranscriptError.
func (s seeding) sendTranscript(ctx context.Context, id int64, messages []bulkMessage, from int) (int, []string, []string, error) {
	engine := engineOf(messages)
	for i := range engine {
		if messages[i].Hashes.IsUnknown() {
			engine[i].Hashes = conversation.Null[string]() // hashed when sent
		}
	}
	answers, err := s.data.sender().Transcript(ctx, id, engine, from)
	var warnings []string
	for k, a := range answers {
		m := &messages[from+k]
		m.ID = conversation.Known(int64(a.Message.ID))
		m.CreatedAt = conversation.Known(a.Message.CreatedAt.Unix())
		m.Attachments = wireValue(ctx, attachmentsValue(a.Message.Attachments))
		if a.Hashes != nil {
			m.Hashes = conversation.Known(strings.Join(a.Hashes, ","))
		}
		if a.Warning != "" {
			warnings = append(warnings, a.Warning)
		}
	}
	return from + len(answers), conversation.Directions(answers), warnings, err
}

// The framework's values of the checks and requests livedesk_conversations
// shares with the framework's resources.

// boolFrom is an engine bool as a framework value.
func boolFrom(v conversation.Value[bool]) types.Bool {
	switch {
	case v.IsUnknown():
		return types.BoolUnknown()
	case v.IsNull():
		return types.BoolNull()
	}
	return types.BoolValue(v.Get())
}

// int64From is an engine whole number as a framework value.
func int64From(v conversation.Value[int64]) types.Int64 {
	switch {
	case v.IsUnknown():
		return types.Int64Unknown()
	case v.IsNull():
		return types.Int64Null()
	}
	return types.Int64Value(v.Get())
}

// idFrom is an engine id as a framework value.
func idFrom(v conversation.Value[int64]) idValue {
	switch {
	case v.IsUnknown():
		return unknownID()
	case v.IsNull():
		return nullID()
	}
	return newID(v.Get())
}

// contactModel is the inline contact as livedesk_contact's model, so that
// both share the contact's request and refresh code.
func (c *bulkContact) contactModel(inboxID conversation.Value[string]) contactModel {
	return contactModel{ID: idValue{StringValue: stringFrom(c.ID)}, InboxID: idValue{StringValue: stringFrom(inboxID)}, Name: stringFrom(c.Name),
		Email: emailValue{StringValue: stringFrom(c.Email)}, PhoneNumber: stringFrom(c.PhoneNumber), AvatarURL: types.StringNull(),
		Identifier: stringFrom(c.Identifier), CustomAttributes: frameworkStringMap(c.CustomAttributes), SourceID: stringFrom(c.SourceID), CreatedAt: types.Int64Null()}
}

// refreshFrom copies what refreshContact left in m back into c, keeping
// the spelling of an email LiveDesk holds in another letter case (see
// emailValue).
func (c *bulkContact) refreshFrom(ctx context.Context, m contactModel) {
	email := engineString(m.Email)
	if email.IsKnown() && c.Email.IsKnown() && strings.EqualFold(email.Get(), c.Email.Get()) {
		email = c.Email
	}
	c.Name, c.Email, c.PhoneNumber, c.Identifier = engineString(m.Name), email, engineString(m.PhoneNumber), engineString(m.Identifier)
	c.SourceID = engineString(m.SourceID)
	c.CustomAttributes = wireValue(ctx, m.CustomAttributes)
}

package provider

import (
	"context"
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
// conversation.PlanElements), hashing the files of every element.
func (r *bulkResource) planTranscript(in bulkTranscriptInput, diags *diag.Diagnostics) bulkTranscript {
	if in.list.Unknown {
		return bulkTranscript{messages: in.list}
	}
	elements := make([]conversation.Element, len(in.list.List))
	for i, m := range in.list.List {
		elements[i] = conversation.Element{Message: m.Message, FilesUnknown: m.FilesUnknown}
	}
	plan, problems := conversation.PlanElements(conversation.ElementsInput{Planned: elements, Sent: engineOf(in.sent), Held: in.held,
		ConversationID: in.conversationID, Target: in.target})
	addProblems(in.at, problems, diags)
	if !plan.Known {
		return bulkTranscript{}
	}
	planned := slices.Clone(in.list.List)
	for i := range planned {
		planned[i].Message = plan.Messages[i]
		switch {
		case i >= plan.Kept:
			planned[i].Attachments = tfwire.UnknownValue()
		case plan.Adopted:
			planned[i].Attachments = tfwire.NullValue()
		default:
			planned[i].Attachments = in.sent[i].Attachments
		}
	}
	return bulkTranscript{TranscriptPlan: plan.TranscriptPlan, messages: bulkMessages{Null: in.list.Null, List: planned}}
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
	answers, err := s.data.sender().Transcript(ctx, id, engineOf(messages), from)
	var warnings []string
	for k, a := range answers {
		m := &messages[from+k]
		m.ID = conversation.Known(int64(a.Message.ID))
		m.Attachments = tfwire.NullValue()
		if len(a.Message.Attachments) > 0 {
			m.Attachments = wireValue(ctx, attachmentsValue(a.Message.Attachments))
		}
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

package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
)

// transcriptPlan is a conversation's planned transcript: the engine's
// plan (see conversation.PlanTranscript) and the elements as the plan
// shows them, for every resource holding a transcript.
type transcriptPlan struct {
	conversation.TranscriptPlan
	// Messages are the planned elements: those LiveDesk keeps carry their
	// ids; new ones have unknown ids and their files hashed.
	Messages []transcriptMessage
}

// newMessages are the planned elements the apply sends.
func (p transcriptPlan) newMessages() []transcriptMessage {
	return p.Messages[min(p.Kept, len(p.Messages)):]
}

// transcriptInput is what a transcript is planned from.
type transcriptInput struct {
	// At is the path of the messages attribute, for diagnostics.
	At path.Path
	// List is the planned messages; Sent those the state records.
	List types.List
	Sent []transcriptMessage
	// Held are the ids an adopting import brought (see heldMessages).
	Held []int64
	// ConversationID is the conversation's id, when it has one; Target
	// writes its import id in advice.
	ConversationID string
	Target         conversation.ImportTarget
}

// planTranscript plans in.List against in.Sent with the engine (see
// conversation.PlanTranscript), hashing the files of every element.
func planTranscript(ctx context.Context, in transcriptInput, diags *diag.Diagnostics) transcriptPlan {
	at, list, sent, held := in.At, in.List, in.Sent, in.Held
	if list.IsUnknown() {
		return transcriptPlan{}
	}
	planned, d := transcriptMessages(ctx, list)
	if diags.Append(d...); diags.HasError() {
		return transcriptPlan{}
	}
	if err := conversation.CheckHeld(held, len(planned)); err != nil {
		diags.AddAttributeError(at, "More message ids imported than messages configured", fmt.Sprintf(
			"%s. Write the messages the conversation already holds as the first %d elements, or import it again with the ids of those you configure: %s",
			err, len(held), conversation.ImportCommand(in.Target, in.ConversationID, nil, "<message id>,<message id>,…")))
		return transcriptPlan{}
	}
	if len(held) > 0 {
		sent = adoptedMessages(ctx, at, planned[:len(held)], held, diags)
	}
	for i := range planned {
		files := at.AtListIndex(i).AtName("files")
		switch {
		case i < len(sent) && (i < len(held) || sent[i].FilesSHA256.IsNull() && !sent[i].Files.IsNull()):
			// Adopted: the bytes are taken as configured.
			planned[i].FilesSHA256 = sent[i].FilesSHA256
		case i < len(sent):
			planned[i].FilesSHA256 = plannedHashes(ctx, files, planned[i].Files, &sentFiles{sent[i].Files, sent[i].FilesSHA256}, diags)
		default:
			planned[i].FilesSHA256 = plannedHashes(ctx, files, planned[i].Files, nil, diags)
		}
	}
	plan, err := conversation.PlanTranscript(conversation.TranscriptInput{Planned: engineMessages(planned), Sent: engineMessages(sent)})
	if err != nil {
		diags.AddAttributeError(at, "Cannot plan the transcript", err.Error())
		return transcriptPlan{}
	}
	for i := range planned {
		if i < plan.Kept {
			planned[i].ID, planned[i].CreatedAt, planned[i].Attachments = sent[i].ID, sent[i].CreatedAt, sent[i].Attachments
			continue
		}
		planned[i].ID = unknownID()
		planned[i].CreatedAt = types.Int64Unknown()
		planned[i].Attachments = types.ListUnknown(types.ObjectType{AttrTypes: attachmentAttrTypes})
	}
	return transcriptPlan{TranscriptPlan: plan, Messages: planned}
}

// adoptedMessages are the first elements of messages as an import with
// held message ids adopts them: as configured, with those ids. LiveDesk
// cannot be asked what they hold, so their creation time and attachments
// stay null, and their files' bytes are those on disk now (null when a file
// cannot be read: nothing is sent for them either way).
func adoptedMessages(ctx context.Context, at path.Path, configured []transcriptMessage, held []int64, diags *diag.Diagnostics) []transcriptMessage {
	adopted := make([]transcriptMessage, len(held))
	for i, id := range held {
		m := configured[i]
		m.ID = newID(id)
		m.CreatedAt = types.Int64Null()
		m.Attachments = types.ListNull(types.ObjectType{AttrTypes: attachmentAttrTypes})
		var unreadable diag.Diagnostics
		m.FilesSHA256 = plannedHashes(ctx, at.AtListIndex(i).AtName("files"), m.Files, nil, &unreadable)
		if unreadable.HasError() {
			m.FilesSHA256 = types.ListNull(types.StringType)
		}
		if m.FilesSHA256.IsUnknown() {
			diags.AddAttributeError(at.AtListIndex(i).AtName("files"), "Files of an adopted message must be known at plan time",
				fmt.Sprintf("messages[%d] adopts message %d, which is already in LiveDesk, so its files are only recorded: write their paths without values known only at apply.", i, id))
		}
		adopted[i] = m
	}
	return adopted
}

// sendFailure is the detail of a failed transcript send: what went wrong
// and, for a *conversation.TranscriptError, the ways forward.
func sendFailure(err error, target conversation.ImportTarget, tainted bool) string {
	var failed *conversation.TranscriptError
	if errors.As(err, &failed) {
		return failed.Error() + "\n\n" + failed.Advice(target, tainted)
	}
	return err.Error()
}

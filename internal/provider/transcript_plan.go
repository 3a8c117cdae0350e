package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// transcriptPlan is a conversation's planned transcript, compared with
// what was sent: the one planning of messages that every resource holding
// a transcript shares, so that every message an apply sends appears in its
// plan as a new element.
type transcriptPlan struct {
	// Known is false while the list itself is not known: the apply then
	// refuses to change a message already sent (see transcriptChange).
	Known bool
	// Messages are the planned elements: those already sent (or adopted)
	// carry their ids; new ones have unknown ids and their files hashed.
	Messages []transcriptMessage
	// Sent is how many leading elements are already in LiveDesk, sent by an
	// earlier apply or adopted by an import.
	Sent int
	// Change says why the planned transcript cannot be reached by sending
	// new elements at its end, or is "": a new conversation is then needed.
	Change string
	// Uncertain is set when an element already sent has a value not known
	// yet: the apply may still find that it changed, and then needs a new
	// conversation (see mayReplace).
	Uncertain bool
}

// mayReplace reports whether the apply may still need a new conversation
// that the plan could not show: the list, or a value of an element already
// sent, is not known yet.
func (p transcriptPlan) mayReplace() bool {
	return !p.Known || p.Uncertain
}

// planTranscript plans list, the planned messages, against sent, the
// messages the state records. held are the ids an adopting import brought
// (see heldMessages): the first len(held) elements are planned as already
// in LiveDesk with those ids, and nothing is sent for them. at is the path
// of the messages attribute, for diagnostics.
func planTranscript(ctx context.Context, at path.Path, list types.List, sent []transcriptMessage, held []int64, diags *diag.Diagnostics) transcriptPlan {
	if list.IsUnknown() {
		return transcriptPlan{}
	}
	planned, d := transcriptMessages(ctx, list)
	if diags.Append(d...); diags.HasError() {
		return transcriptPlan{}
	}
	if len(held) > 0 {
		if len(planned) < len(held) {
			diags.AddAttributeError(at, "More message ids imported than messages configured", fmt.Sprintf(
				"The conversation was imported with %d message ids, and each adopts one element of messages, in order, but messages has %d. "+
					"Write the messages the conversation already holds as the first %d elements, or import it again with the ids of those you configure: "+
					"terraform state rm <address>, then terraform import <address> <conversation id>/<message id>,<message id>,…", len(held), len(planned), len(held)))
			return transcriptPlan{}
		}
		sent = adoptedMessages(ctx, at, planned[:len(held)], held, diags)
	}
	for i := range planned {
		files := at.AtListIndex(i).AtName("files")
		switch {
		case i < len(sent) && sent[i].FilesSHA256.IsNull() && !sent[i].Files.IsNull():
			// Adopted when its files could not be read: nothing to compare.
			planned[i].FilesSHA256 = sent[i].FilesSHA256
		case i < len(held):
			planned[i].FilesSHA256 = sent[i].FilesSHA256
		case i < len(sent):
			planned[i].FilesSHA256 = plannedHashes(ctx, files, planned[i].Files, &sentFiles{sent[i].Files, sent[i].FilesSHA256}, diags)
		default:
			planned[i].FilesSHA256 = plannedHashes(ctx, files, planned[i].Files, nil, diags)
		}
		if i >= len(sent) {
			planned[i].ID = unknownID()
			planned[i].CreatedAt = types.Int64Unknown()
			planned[i].Attachments = types.ListUnknown(types.ObjectType{AttrTypes: attachmentAttrTypes})
		}
	}
	plan := transcriptPlan{Known: true, Messages: planned, Sent: len(sent), Change: transcriptChange(planned, sent)}
	for i := range min(len(sent), len(planned)) {
		plan.Uncertain = plan.Uncertain || partlyUnknown(planned[i])
	}
	if plan.Change == "" {
		for i := range sent {
			planned[i].ID, planned[i].CreatedAt, planned[i].Attachments = sent[i].ID, sent[i].CreatedAt, sent[i].Attachments
		}
	}
	return plan
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

// partlyUnknown reports whether a planned element has a value that says
// what LiveDesk holds and is not known yet.
func partlyUnknown(m transcriptMessage) bool {
	for _, v := range []attr.Value{m.Content, m.MessageType, m.Private, m.ReplyTo, m.InReplyTo, m.FilesSHA256} {
		if v.IsUnknown() {
			return true
		}
	}
	return false
}

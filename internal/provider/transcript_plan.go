package provider

import (
	"context"
	"errors"

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
// conversation.PlanElements), hashing the files of every element.
func planTranscript(ctx context.Context, in transcriptInput, diags *diag.Diagnostics) transcriptPlan {
	if in.List.IsUnknown() {
		return transcriptPlan{}
	}
	planned, d := transcriptMessages(ctx, in.List)
	if diags.Append(d...); diags.HasError() {
		return transcriptPlan{}
	}
	elements := make([]conversation.Element, len(planned))
	for i, m := range planned {
		elements[i] = engineElement(m)
	}
	plan, problems := conversation.PlanElements(conversation.ElementsInput{Planned: elements, Sent: engineMessages(in.Sent), Held: in.Held,
		ConversationID: in.ConversationID, Target: in.Target})
	addProblems(in.At, problems, diags)
	if !plan.Known {
		return transcriptPlan{}
	}
	attachments := types.ObjectType{AttrTypes: attachmentAttrTypes}
	for i, m := range plan.Messages {
		planned[i].ID, planned[i].FilesSHA256 = idFrom(m.ID), hashesFrom(m.Hashes)
		switch {
		case i >= plan.Kept:
			planned[i].CreatedAt, planned[i].Attachments = types.Int64Unknown(), types.ListUnknown(attachments)
		case plan.Adopted:
			planned[i].CreatedAt, planned[i].Attachments = types.Int64Null(), types.ListNull(attachments)
		default:
			planned[i].CreatedAt, planned[i].Attachments = in.Sent[i].CreatedAt, in.Sent[i].Attachments
		}
	}
	return transcriptPlan{TranscriptPlan: plan.TranscriptPlan, Messages: planned}
}

// addProblems adds the problems of a transcript plan as errors: on the
// files of the element each names, or on at, the messages attribute.
func addProblems(at path.Path, problems []conversation.Problem, diags *diag.Diagnostics) {
	for _, p := range problems {
		where := at
		if p.Element >= 0 {
			where = at.AtListIndex(p.Element).AtName("files")
		}
		diags.AddAttributeError(where, p.Summary, p.Detail)
	}
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

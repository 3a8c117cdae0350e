package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// messageSpec is what a livedesk_message, or one element of a
// conversation's messages, asks LiveDesk to hold: the one description from
// which both send a message.
type messageSpec struct {
	Content     types.String
	MessageType types.String
	Private     types.Bool
	Files       types.List
	FilesSHA256 types.List
	// InReplyTo is the id of the message replied to, or 0.
	InReplyTo int64
}

// request builds the send request. The files are pinned to the hashes the
// plan recorded; files whose paths were unknown at plan time are hashed now.
// It returns the hashes sent, for the state.
func (s messageSpec) request(ctx context.Context) (livedesk.CreateMessageRequest, []string, diag.Diagnostics) {
	req := livedesk.CreateMessageRequest{
		Content:     s.Content.ValueString(),
		MessageType: s.MessageType.ValueString(),
		Private:     s.Private.ValueBool(),
		InReplyTo:   s.InReplyTo,
	}
	var paths, hashes []string
	diags := s.Files.ElementsAs(ctx, &paths, true)
	if s.Files.IsNull() || diags.HasError() {
		return req, nil, diags
	}
	if len(paths) == 0 {
		return req, []string{}, diags
	}
	if s.FilesSHA256.IsUnknown() || s.FilesSHA256.IsNull() {
		var err error
		if hashes, err = hashFiles(paths); err != nil {
			diags.AddError("Cannot attach the files", err.Error()+"\n\nNothing was sent.")
		}
	} else {
		diags.Append(s.FilesSHA256.ElementsAs(ctx, &hashes, false)...)
	}
	if diags.HasError() {
		return req, nil, diags
	}
	req.Files = pinnedFiles(paths, hashes)
	return req, hashes, diags
}

// sentMessage is what the send answer tells about a message.
type sentMessage struct {
	ID          idValue
	CreatedAt   types.Int64
	FilesSHA256 types.List
	Attachments types.List
}

// newSentMessage reads the send answer; hashes are the files' hashes as sent.
func newSentMessage(ctx context.Context, msg *livedesk.Message, hashes []string) (sentMessage, diag.Diagnostics) {
	sent := sentMessage{
		ID:          newID(int64(msg.ID)),
		CreatedAt:   types.Int64Value(msg.CreatedAt.Unix()),
		FilesSHA256: types.ListNull(types.StringType),
	}
	var diags diag.Diagnostics
	if hashes != nil {
		sent.FilesSHA256, diags = types.ListValueFrom(ctx, types.StringType, hashes)
	}
	sent.Attachments = attachmentsValue(msg.Attachments)
	return sent, diags
}

// attachmentsValue is the attachments attribute for what LiveDesk stored.
func attachmentsValue(attachments []livedesk.Attachment) types.List {
	elems := make([]attr.Value, len(attachments))
	for i, a := range attachments {
		elems[i] = types.ObjectValueMust(attachmentAttrTypes, map[string]attr.Value{
			"id":        types.StringValue(formatID(int64(a.ID))),
			"file_type": types.StringValue(a.FileType),
			"extension": types.StringValue(a.Extension),
			"data_url":  types.StringValue(a.DataURL),
			"thumb_url": types.StringValue(a.ThumbURL),
			"file_size": types.Int64Value(int64(a.FileSize)),
			"width":     optionalInt64(a.Width),
			"height":    optionalInt64(a.Height),
		})
	}
	return types.ListValueMust(types.ObjectType{AttrTypes: attachmentAttrTypes}, elems)
}

// attachmentAttrTypes is the object type of one element of attachments.
var attachmentAttrTypes = map[string]attr.Type{
	"id":        types.StringType,
	"file_type": types.StringType,
	"extension": types.StringType,
	"data_url":  types.StringType,
	"thumb_url": types.StringType,
	"file_size": types.Int64Type,
	"width":     types.Int64Type,
	"height":    types.Int64Type,
}

// optionalInt64 is null when the API sent null.
func optionalInt64(v *livedesk.Int64) types.Int64 {
	if v == nil {
		return types.Int64Null()
	}
	return types.Int64Value(int64(*v))
}

// explainSend turns a failed send into what the user needs to know: what
// failed, and whether the message may exist all the same, how to check and,
// as next says, what to do then.
func (d *providerData) explainSend(err error, conversationID int64, next string) string {
	detail := d.explainCreate(err, createFailure{kind: "message",
		check: fmt.Sprintf("look at the latest messages of conversation %d in the LiveDesk console", conversationID), next: next})
	if livedesk.IsNotFound(err) {
		detail = fmt.Sprintf("LiveDesk has no conversation %d (conversation_id). Check the id, or that the API key belongs to the project that holds it.\n\n%s", conversationID, detail)
	}
	return detail
}

// contentPreview is the start of a message's text, to name it in messages.
func contentPreview(content string) string {
	const limit = 40
	content = strings.Join(strings.Fields(content), " ")
	if r := []rune(content); len(r) > limit {
		return string(r[:limit]) + "…"
	}
	return content
}

// diagnosticsText joins the errors of diags into one text.
func diagnosticsText(diags diag.Diagnostics) string {
	parts := make([]string, 0, len(diags))
	for _, d := range diags.Errors() {
		parts = append(parts, d.Summary()+": "+d.Detail())
	}
	return strings.Join(parts, "; ")
}

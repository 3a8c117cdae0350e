package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// outgoing is what a livedesk_message, the send action, or one element
// of a transcript asks LiveDesk to hold, as the engine sends it: files is
// the list of paths, hashes the files_sha256 the plan recorded (unknown or
// null when it could not hash them; they are hashed when sent).
func outgoing(ctx context.Context, content, messageType types.String, private types.Bool, inReplyTo int64, files, hashes types.List) (conversation.Outgoing, diag.Diagnostics) {
	out := conversation.Outgoing{Content: content.ValueString(), Type: messageType.ValueString(), Private: private.ValueBool(), InReplyTo: inReplyTo}
	var diags diag.Diagnostics
	if files.IsNull() {
		return out, diags
	}
	out.Files = []string{}
	diags.Append(files.ElementsAs(ctx, &out.Files, false)...)
	if !hashes.IsNull() && !hashes.IsUnknown() {
		out.Hashes = []string{}
		diags.Append(hashes.ElementsAs(ctx, &out.Hashes, false)...)
	}
	return out, diags
}

// sender is the engine's sender of messages over the provider's client.
func (d *providerData) sender() conversation.Sender {
	return conversation.Sender{Messages: d.client.Messages, Explain: d.explain}
}

// hashesValue is files_sha256 for the hashes a message was sent with.
func hashesValue(hashes []string) types.List {
	if hashes == nil {
		return types.ListNull(types.StringType)
	}
	elems := make([]attr.Value, len(hashes))
	for i, h := range hashes {
		elems[i] = types.StringValue(h)
	}
	return types.ListValueMust(types.StringType, elems)
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

// explainSendFailure is explainSend for an error of the engine's Sender:
// a request that failed is explained as explainSend says; one that was
// never sent (a file could not be read) by its own text.
func (d *providerData) explainSendFailure(err error, conversationID int64, next string) string {
	var failed *conversation.SendError
	if errors.As(err, &failed) && failed.Cause != nil {
		return d.explainSend(failed.Cause, conversationID, next)
	}
	return err.Error()
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

// diagnosticsText joins the errors of diags into one text.
func diagnosticsText(diags diag.Diagnostics) string {
	parts := make([]string, 0, len(diags))
	for _, d := range diags.Errors() {
		parts = append(parts, d.Summary()+": "+d.Detail())
	}
	return strings.Join(parts, "; ")
}

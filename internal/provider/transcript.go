package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A conversation's transcript is its messages attribute: an ordered list
// sent one message at a time, in list order, each after the previous one
// was answered. Elements appended at the end are sent in place; any other
// change to an element already sent replaces the conversation, because
// LiveDesk cannot change or delete a message.

// transcriptMessage is one element of messages.
type transcriptMessage struct {
	Content     types.String `tfsdk:"content"`
	MessageType types.String `tfsdk:"message_type"`
	Private     types.Bool   `tfsdk:"private"`
	Files       types.List   `tfsdk:"files"`
	ReplyTo     types.Int64  `tfsdk:"reply_to"`
	InReplyTo   idValue      `tfsdk:"in_reply_to"`
	ID          idValue      `tfsdk:"id"`
	CreatedAt   types.Int64  `tfsdk:"created_at"`
	FilesSHA256 types.List   `tfsdk:"files_sha256"`
	Attachments types.List   `tfsdk:"attachments"`
}

// transcriptAttribute is the messages attribute of livedesk_conversation.
// Its elements carry no plan modifiers: what replaces the conversation is
// decided for the whole list (see transcriptChange, which the
// conversation's ModifyPlan calls).
func transcriptAttribute() schema.ListNestedAttribute {
	messageType := messageTypeAttribute()
	messageType.PlanModifiers = nil
	private := privateAttribute()
	private.PlanModifiers = nil
	return schema.ListNestedAttribute{
		MarkdownDescription: "The transcript: messages sent in the order written, then `status`. " +
			"Messages added at the end are sent in place; any other change to a sent message replaces the conversation, and the plan says which message.",
		Optional: true,
		NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{
				"content": schema.StringAttribute{
					MarkdownDescription: "The message text; it must not be empty. Required unless `files` are attached.",
					Optional:            true,
					Validators:          []validator.String{nonBlank()},
				},
				"message_type": messageType,
				"private":      private,
				"files":        filesAttribute(),
				"reply_to": schema.Int64Attribute{
					CustomType: wholeNumber(0),
					MarkdownDescription: "Index (from 0) of an earlier element of `messages` that this one replies to; sent as " +
						"`content_attributes.in_reply_to` with the id LiveDesk gave that message.",
					Optional:   true,
					Validators: []validator.Int64{int64validator.AtLeast(0)},
				},
				"in_reply_to": inReplyToAttribute(nil),
				"id": schema.StringAttribute{
					MarkdownDescription: "The message id, as a string.",
					CustomType:          idType,
					Computed:            true,
				},
				"created_at": schema.Int64Attribute{
					MarkdownDescription: "When the message was created, in unix seconds.",
					Computed:            true,
				},
				"files_sha256": filesSHA256Attribute(),
				"attachments":  attachmentsAttribute(),
			},
		},
	}
}

// transcriptElementType is the object type of one element of messages.
var transcriptElementType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"content":      types.StringType,
	"message_type": types.StringType,
	"private":      types.BoolType,
	"files":        types.ListType{ElemType: types.StringType},
	"reply_to":     wholeNumber(0),
	"in_reply_to":  idType,
	"id":           idType,
	"created_at":   types.Int64Type,
	"files_sha256": types.ListType{ElemType: types.StringType},
	"attachments":  types.ListType{ElemType: types.ObjectType{AttrTypes: attachmentAttrTypes}},
}}

// transcriptMessages decodes messages; null and unknown lists give none.
func transcriptMessages(ctx context.Context, list types.List) ([]transcriptMessage, diag.Diagnostics) {
	if list.IsNull() || list.IsUnknown() {
		return nil, nil
	}
	var messages []transcriptMessage
	diags := list.ElementsAs(ctx, &messages, false)
	return messages, diags
}

// transcriptValue encodes messages; like is the list they belong to, whose
// nullness they keep when there are none.
func transcriptValue(ctx context.Context, like types.List, messages []transcriptMessage) (types.List, diag.Diagnostics) {
	if like.IsNull() && len(messages) == 0 {
		return types.ListNull(transcriptElementType), nil
	}
	return types.ListValueFrom(ctx, transcriptElementType, messages)
}

// validateTranscript refuses what cannot be sent as written: each element
// as validateMessage says, a reply_to that does not name an earlier
// element, and reply_to together with in_reply_to. list is the path of the
// messages attribute.
func validateTranscript(list path.Path, messages []transcriptMessage) diag.Diagnostics {
	var diags diag.Diagnostics
	for i, m := range messages {
		at := list.AtListIndex(i)
		diags.Append(validateMessage(at, m.Content, m.Files, m.MessageType, m.Private)...)
		if !m.ReplyTo.IsNull() && !m.ReplyTo.IsUnknown() && m.ReplyTo.ValueInt64() >= int64(i) {
			diags.AddAttributeError(at.AtName("reply_to"), "reply_to must name an earlier message",
				fmt.Sprintf("messages[%d] has reply_to = %d, but a message can only reply to one sent before it: use an index from 0 to %d.", i, m.ReplyTo.ValueInt64(), i-1))
		}
		if !m.ReplyTo.IsNull() && !m.InReplyTo.IsNull() {
			diags.AddAttributeError(at.AtName("in_reply_to"), "reply_to and in_reply_to exclude each other",
				fmt.Sprintf("messages[%d] sets both: use reply_to for a message of this transcript, in_reply_to for a message id from elsewhere.", i))
		}
	}
	return diags
}

package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

var (
	_ action.Action                   = (*sendMessageAction)(nil)
	_ action.ActionWithConfigure      = (*sendMessageAction)(nil)
	_ action.ActionWithValidateConfig = (*sendMessageAction)(nil)
	_ action.ActionWithModifyPlan     = (*sendMessageAction)(nil)
)

// sendMessageAction is the livedesk_send_message action: one message sent
// each time it is invoked, with nothing kept in the state.
type sendMessageAction struct {
	actionConfigurer
}

// sendMessageModel is the livedesk_send_message configuration.
type sendMessageModel struct {
	ConversationID idValue      `tfsdk:"conversation_id"`
	Content        types.String `tfsdk:"content"`
	MessageType    types.String `tfsdk:"message_type"`
	Private        types.Bool   `tfsdk:"private"`
	Files          types.List   `tfsdk:"files"`
	InReplyTo      idValue      `tfsdk:"in_reply_to"`
}

// NewSendMessageAction returns the livedesk_send_message action.
func NewSendMessageAction() action.Action {
	return &sendMessageAction{}
}

// Metadata sets the type name livedesk_send_message.
func (a *sendMessageAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_send_message"
}

// Schema describes livedesk_send_message.
func (a *sendMessageAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Sends one message to a conversation each time it is invoked, keeping nothing in the state (Terraform 1.14 or later).",
		Attributes: map[string]schema.Attribute{
			"conversation_id": schema.StringAttribute{
				MarkdownDescription: "Id of the conversation to send to.",
				Required:            true,
				CustomType:          idType,
			},
			"content": schema.StringAttribute{
				MarkdownDescription: "The message text; it must not be empty. Required unless `files` are attached.",
				Optional:            true,
				Validators:          []validator.String{nonBlank()},
			},
			"message_type": schema.StringAttribute{
				MarkdownDescription: messageTypeDescription,
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(livedesk.MessageOutgoing, livedesk.MessageIncoming)},
			},
			"private": schema.BoolAttribute{
				MarkdownDescription: "Whether the message is a private note, visible to agents only. Defaults to `false`.",
				Optional:            true,
			},
			"files": schema.ListAttribute{
				MarkdownDescription: "Paths of files to attach, such as `\"${path.module}/checklist.txt\"`: " +
					"each must be readable when the action is planned, and is read as it is when the action runs.",
				ElementType: types.StringType,
				Optional:    true,
				Validators:  []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"in_reply_to": schema.StringAttribute{
				MarkdownDescription: "Id of an existing message this one replies to (sent as `content_attributes.in_reply_to`).",
				Optional:            true,
				CustomType:          idType,
			},
		},
	}
}

// ValidateConfig refuses what a transcript element refuses: a message with
// neither content nor files, and an incoming private note.
func (a *sendMessageAction) ValidateConfig(ctx context.Context, req action.ValidateConfigRequest, resp *action.ValidateConfigResponse) {
	var config sendMessageModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(validateMessage(path.Empty(), config.Content, config.Files, config.MessageType, config.Private)...)
}

// ModifyPlan checks, at plan time, that every file to attach is readable.
func (a *sendMessageAction) ModifyPlan(ctx context.Context, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	var config sendMessageModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plannedHashes(path.Root("files"), config.Files, nil, &resp.Diagnostics)
}

// Invoke sends the message with exactly one request and reports what was
// sent and the new message's id as progress.
func (a *sendMessageAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var config sendMessageModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if config.MessageType.IsNull() {
		config.MessageType = types.StringValue(livedesk.MessageOutgoing)
	}
	conversationID := config.ConversationID.Int64()
	out, diags := outgoing(ctx, config.Content, config.MessageType, config.Private, config.InReplyTo.Int64(), config.Files, types.ListNull(types.StringType))
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	what := describeMessage(out)
	sendProgress(resp, fmt.Sprintf("Sending %s to conversation %d", what, conversationID))
	sent, err := a.data.sender().Send(ctx, conversationID, out)
	if err != nil {
		resp.Diagnostics.AddError("Cannot send the LiveDesk message", a.data.explainSendFailure(err, conversationID,
			"Do not invoke the action again before checking: if the message did arrive, that would send it a second time."))
		return
	}
	warnDirections(&resp.Diagnostics, []string{sent.Warning})
	sendProgress(resp, fmt.Sprintf("Sent %s to conversation %d as message %d", what, conversationID, sent.Message.ID))
}

// describeMessage names a message for progress events: its direction, its
// privacy, the start of its text and how many files it carries.
func describeMessage(req conversation.Outgoing) string {
	kind := "message"
	switch {
	case req.Private:
		kind = "private note"
	case req.Type == livedesk.MessageIncoming:
		kind = "incoming message"
	}
	text := kind
	if req.Content != "" {
		text += fmt.Sprintf(" %q", conversation.ContentPreview(req.Content))
	}
	switch len(req.Files) {
	case 0:
	case 1:
		text += " with 1 file"
	default:
		text += fmt.Sprintf(" with %d files", len(req.Files))
	}
	if req.InReplyTo != 0 {
		text += fmt.Sprintf(" in reply to message %d", req.InReplyTo)
	}
	return text
}

// sendProgress reports an action's progress to Terraform, which shows it
// as the action runs.
func sendProgress(resp *action.InvokeResponse, message string) {
	if resp.SendProgress != nil {
		resp.SendProgress(action.InvokeProgressEvent{Message: message})
	}
}

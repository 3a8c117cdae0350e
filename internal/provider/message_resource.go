package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

var (
	_ resource.Resource                   = (*messageResource)(nil)
	_ resource.ResourceWithConfigure      = (*messageResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*messageResource)(nil)
	_ resource.ResourceWithValidateConfig = (*messageResource)(nil)
	_ resource.ResourceWithImportState    = (*messageResource)(nil)
)

// messageResource manages livedesk_message.
type messageResource struct {
	resourceConfigurer
}

// messageModel is the livedesk_message state.
type messageModel struct {
	ID             idValue      `tfsdk:"id"`
	ConversationID idValue      `tfsdk:"conversation_id"`
	Content        types.String `tfsdk:"content"`
	MessageType    types.String `tfsdk:"message_type"`
	Private        types.Bool   `tfsdk:"private"`
	InReplyTo      idValue      `tfsdk:"in_reply_to"`
	Files          types.List   `tfsdk:"files"`
	FilesSHA256    types.List   `tfsdk:"files_sha256"`
	ContentType    types.String `tfsdk:"content_type"`
	Status         types.String `tfsdk:"status"`
	CreatedAt      types.Int64  `tfsdk:"created_at"`
	SenderID       types.String `tfsdk:"sender_id"`
	SenderType     types.String `tfsdk:"sender_type"`
	Attachments    types.List   `tfsdk:"attachments"`
}

// NewMessageResource returns the livedesk_message resource.
func NewMessageResource() resource.Resource {
	return &messageResource{}
}

// Metadata sets the type name livedesk_message.
func (r *messageResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_message"
}

// Schema describes livedesk_message.
func (r *messageResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{replaceUnlessAdopting()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A one-off message or private note sent to a conversation.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The message id, as a string.",
				CustomType:          idType,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"conversation_id": schema.StringAttribute{
				MarkdownDescription: "Id of the conversation to send to, such as `livedesk_conversation.example.id`.",
				Required:            true,
				CustomType:          idType,
				PlanModifiers:       replace,
			},
			"content": schema.StringAttribute{
				MarkdownDescription: "The message text; it must not be empty. Required unless `files` are attached.",
				Optional:            true,
				Validators:          []validator.String{nonBlank()},
				PlanModifiers:       replace,
			},
			"message_type": messageTypeAttribute(),
			"private":      privateAttribute(),
			"in_reply_to":  inReplyToAttribute(replace),
			"files":        filesAttribute(),
			"files_sha256": filesSHA256Attribute(),
			"content_type": computedString("Content type LiveDesk gave the message, such as `text`."),
			"status":       computedString("Delivery status when sent, such as `sent`."),
			"created_at":   computedInt64("When the message was created, in unix seconds."),
			"sender_id":    computedString("Id of the sender: the agent or bot behind the API key, or the contact for `incoming` messages."),
			"sender_type":  computedString("Type of the sender, such as `user` or `contact`."),
			"attachments":  attachmentsAttribute(),
		},
	}
}

// ValidateConfig requires content or files, and refuses an incoming
// private note.
func (r *messageResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config messageModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(validateMessage(path.Empty(), config.Content, config.Files, config.MessageType, config.Private)...)
}

// ModifyPlan identifies attachments by their bytes: it records the files'
// hashes in the plan, plans a new message when the bytes change, and an
// in-place update that sends nothing when only a path is respelled. It
// also warns that destroy only forgets the message and that a replacement
// leaves the old message in the conversation, and lets an imported
// message adopt its configuration without being sent again.
func (r *messageResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if warnDestroyForgets(req, resp, "message") {
		return
	}
	var plan messageModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		plan.FilesSHA256 = plannedHashes(path.Root("files"), plan.Files, nil, &resp.Diagnostics)
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
		return
	}
	var state messageModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.FilesSHA256 = plannedHashes(path.Root("files"), plan.Files, &sentFiles{state.Files, state.FilesSHA256}, &resp.Diagnostics)
	adopting, diags := isAdopting(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	if !adopting && !plan.FilesSHA256.Equal(state.FilesSHA256) {
		resp.RequiresReplace.Append(path.Root("files_sha256"))
	}
	if changed := replacedBy(plan, state); !adopting && len(changed) > 0 {
		warnReplacedMessageStays(resp, state.ID.ValueString(), state.ConversationID.ValueString(), changed)
	}
	if len(resp.RequiresReplace) == 0 {
		// Nothing is sent: what LiveDesk answered stays as it was.
		plan.ID, plan.ContentType, plan.Status, plan.CreatedAt = state.ID, state.ContentType, state.Status, state.CreatedAt
		plan.SenderID, plan.SenderType, plan.Attachments = state.SenderID, state.SenderType, state.Attachments
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// Create sends the message with exactly one request.
func (r *messageResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan messageModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	conversationID := plan.ConversationID.Int64()
	out, diags := outgoing(ctx, plan.Content, plan.MessageType, plan.Private, plan.InReplyTo.Int64(), plan.Files, plan.FilesSHA256)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	sent, err := r.data.sender().Send(ctx, conversationID, out)
	if err != nil {
		resp.Diagnostics.AddError("Cannot send the LiveDesk message", r.data.explainSendFailure(err, conversationID,
			importNext("message", conversation.MessageImportID(formatID(conversationID), "<message id>"))))
		return
	}
	msg := sent.Message
	plan.ID, plan.CreatedAt, plan.FilesSHA256 = newID(int64(msg.ID)), types.Int64Value(msg.CreatedAt.Unix()), hashesValue(sent.Hashes)
	plan.Attachments = attachmentsValue(msg.Attachments)
	plan.ContentType = types.StringValue(msg.ContentType)
	plan.Status = types.StringValue(msg.Status)
	plan.SenderID = types.StringValue(formatID(int64(msg.Sender.ID)))
	plan.SenderType = types.StringValue(msg.Sender.Type)
	warnDirections(&resp.Diagnostics, []string{sent.Warning})
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(messageIdentity.record(ctx, resp.State, resp.Identity)...)
}

// Read sends nothing: LiveDesk documents no way to read a message back.
// It only records the identity, which older CLIs do not keep.
func (r *messageResource) Read(ctx context.Context, _ resource.ReadRequest, resp *resource.ReadResponse) {
	resp.Diagnostics.Append(messageIdentity.record(ctx, resp.State, resp.Identity)...)
}

// Update records a change that leaves LiveDesk as it is (a respelled file
// path, or an imported message adopting its configuration) and sends
// nothing: every change that would need a request plans a new message.
func (r *messageResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan messageModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(endAdoption(ctx, resp.Private)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(messageIdentity.record(ctx, resp.State, resp.Identity)...)
}

// Delete only forgets the message: LiveDesk documents no way to delete it.
// The plan already warned so for a destroy or a replacement the provider
// could see; the warning here also covers -replace.
func (r *messageResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state messageModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if !resp.Diagnostics.HasError() {
		warnMessageStays(resp, state.ID.ValueString(), state.ConversationID.ValueString())
	}
}

// replacedBy names the attributes whose change makes plan a new message
// rather than state: those that replace it (see replaceUnlessAdopting)
// and files_sha256. An unknown value counts as a change, as it does for
// RequiresReplace.
func replacedBy(plan, state messageModel) []string {
	var changed []string
	for _, a := range []struct {
		name       string
		plan, prev attr.Value
	}{
		{"conversation_id", plan.ConversationID, state.ConversationID},
		{"content", plan.Content, state.Content},
		{"message_type", plan.MessageType, state.MessageType},
		{"private", plan.Private, state.Private},
		{"in_reply_to", plan.InReplyTo, state.InReplyTo},
		{"files (their bytes)", plan.FilesSHA256, state.FilesSHA256},
	} {
		switch {
		case a.name == "conversation_id" && a.plan.IsUnknown():
			changed = append(changed, "conversation_id (its conversation is being replaced)")
		case !a.plan.Equal(a.prev):
			changed = append(changed, a.name)
		}
	}
	return changed
}

// ImportState adopts a message by <conversation_id>/<message_id>. Nothing
// can be read back, so the rest comes from the configuration on the next
// apply, which sends nothing. An import block's identity names the same
// two ids.
func (r *messageResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(messageIdentity.fillImportID(ctx, &req)...)
	conversationID, messageID, err := conversation.ParseMessageImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid livedesk_message import id",
			fmt.Sprintf("%q is not an import id (%v). Use <conversation_id>/<message_id>, for example 407/3031: both are the numbers LiveDesk shows.", req.ID, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), newID(messageID))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("conversation_id"), newID(conversationID))...)
	resp.Diagnostics.Append(startAdoption(ctx, resp.Private)...)
	resp.Diagnostics.Append(messageIdentity.record(ctx, resp.State, resp.Identity)...)
	resp.Diagnostics.Append(importNotice("message", "content, files, message_type, private and in_reply_to"))
}

// messageTypeDescription describes message_type, for the resources and
// the livedesk_send_message action.
const messageTypeDescription = "Who the message is from: `outgoing` (the default), the agent or bot behind the API key, or `incoming`, the " +
	"conversation's contact (API-channel inboxes only; an incoming message cannot be private)."

// messageTypeAttribute is message_type, shared by livedesk_message and
// transcript elements.
func messageTypeAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: messageTypeDescription,
		Optional:            true,
		Computed:            true,
		Default:             stringdefault.StaticString(livedesk.MessageOutgoing),
		Validators:          []validator.String{stringvalidator.OneOf(livedesk.MessageOutgoing, livedesk.MessageIncoming)},
		PlanModifiers:       []planmodifier.String{replaceUnlessAdopting()},
	}
}

// privateAttribute is private, shared by livedesk_message and transcript
// elements.
func privateAttribute() schema.BoolAttribute {
	return schema.BoolAttribute{
		MarkdownDescription: "Whether the message is a private note, visible to agents only. Defaults to `false`.",
		Optional:            true,
		Computed:            true,
		Default:             booldefault.StaticBool(false),
		PlanModifiers:       []planmodifier.Bool{replaceBoolUnlessAdopting()},
	}
}

// inReplyToAttribute is in_reply_to, shared by livedesk_message and
// transcript elements.
func inReplyToAttribute(modifiers []planmodifier.String) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Id of an existing message this one replies to (sent as `content_attributes.in_reply_to`).",
		Optional:            true,
		CustomType:          idType,
		PlanModifiers:       modifiers,
	}
}

// filesAttribute is files, shared by livedesk_message and transcript
// elements.
func filesAttribute() schema.ListAttribute {
	return schema.ListAttribute{
		MarkdownDescription: "Paths of files to attach, such as `\"${path.module}/invoice.pdf\"`, identified by their bytes (see `files_sha256`): " +
			"a path respelled to the same bytes sends nothing, new bytes plan a new message.",
		ElementType: types.StringType,
		Optional:    true,
		Validators:  []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
	}
}

// filesSHA256Attribute is files_sha256, shared by livedesk_message and
// transcript elements.
func filesSHA256Attribute() schema.ListAttribute {
	return schema.ListAttribute{
		MarkdownDescription: "SHA-256 of each file in `files`, in the same order. It is known when planning, so a saved plan pins the bytes " +
			"it was made from: if a file changes before that plan is applied, the apply stops before anything is sent.",
		ElementType: types.StringType,
		Computed:    true,
	}
}

// attachmentsAttribute is attachments, shared by livedesk_message and
// transcript elements.
func attachmentsAttribute() schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: "The attachments LiveDesk stored, in the order of `files`.",
		Computed:            true,
		PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
		NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{
				"id":        schema.StringAttribute{Computed: true, MarkdownDescription: "Attachment id."},
				"file_type": schema.StringAttribute{Computed: true, MarkdownDescription: "Kind of file: `image`, `audio`, `video` or `file`."},
				"extension": schema.StringAttribute{Computed: true, MarkdownDescription: "File extension, when LiveDesk reports one."},
				"data_url":  schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the stored file."},
				"thumb_url": schema.StringAttribute{Computed: true, MarkdownDescription: "URL of a thumbnail (images only)."},
				"file_size": schema.Int64Attribute{Computed: true, MarkdownDescription: "Size in bytes."},
				"width":     schema.Int64Attribute{Computed: true, MarkdownDescription: "Image width, when known."},
				"height":    schema.Int64Attribute{Computed: true, MarkdownDescription: "Image height, when known."},
			},
		},
	}
}

// computedString is a read-only string set once at creation.
func computedString(description string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: description,
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

// computedInt64 is a read-only number set once at creation.
func computedInt64(description string) schema.Int64Attribute {
	return schema.Int64Attribute{
		MarkdownDescription: description,
		Computed:            true,
		PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
	}
}

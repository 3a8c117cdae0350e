package provider

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

var (
	_ resource.Resource               = (*messageResource)(nil)
	_ resource.ResourceWithConfigure  = (*messageResource)(nil)
	_ resource.ResourceWithModifyPlan = (*messageResource)(nil)
)

// messageResource manages livedesk_message.
type messageResource struct {
	resourceConfigurer
}

// messageModel is the livedesk_message state.
type messageModel struct {
	ID             types.String `tfsdk:"id"`
	ConversationID types.String `tfsdk:"conversation_id"`
	Content        types.String `tfsdk:"content"`
	Private        types.Bool   `tfsdk:"private"`
	InReplyTo      types.String `tfsdk:"in_reply_to"`
	Files          types.List   `tfsdk:"files"`
	FilesSHA256    types.List   `tfsdk:"files_sha256"`
	MessageType    types.String `tfsdk:"message_type"`
	ContentType    types.String `tfsdk:"content_type"`
	Status         types.String `tfsdk:"status"`
	CreatedAt      types.Int64  `tfsdk:"created_at"`
	SenderID       types.String `tfsdk:"sender_id"`
	SenderType     types.String `tfsdk:"sender_type"`
	Attachments    types.List   `tfsdk:"attachments"`
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
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A message sent to a LiveDesk conversation with " +
			"`POST /api/v2/accounts/conversations/{conversation_id}/messages`, as JSON, or as multipart form data when `files` are attached.\n\n" +
			"Messages cannot be changed, read back or deleted through the LiveDesk API. So every argument forces a new message, " +
			"refresh keeps what the send answer said and sends no request, destroy only removes the message from the Terraform state " +
			"(it stays in the conversation), and import is not offered.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The message id, as a string.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"conversation_id": schema.StringAttribute{
				MarkdownDescription: "Id of the conversation to send to, such as `livedesk_conversation.example.id`.",
				Required:            true,
				Validators:          []validator.String{positiveID()},
				PlanModifiers:       replace,
			},
			"content": schema.StringAttribute{
				MarkdownDescription: "The message text; it must not be empty.",
				Required:            true,
				Validators:          []validator.String{nonBlank()},
				PlanModifiers:       replace,
			},
			"private": schema.BoolAttribute{
				MarkdownDescription: "Whether the message is a private note, visible to agents only. Defaults to `false`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"in_reply_to": schema.StringAttribute{
				MarkdownDescription: "Id of the message this one replies to (sent as `content_attributes.in_reply_to`).",
				Optional:            true,
				Validators:          []validator.String{positiveID()},
				PlanModifiers:       replace,
			},
			"files": schema.ListAttribute{
				MarkdownDescription: "Paths of files to attach, sent as `attachments[]`. Each must be a readable file when planning. " +
					"Relative paths start from the directory Terraform runs in; use `\"${path.module}/...\"` for files beside the configuration. " +
					"Editing a file's content plans a new message (see `files_sha256`).",
				ElementType:   types.StringType,
				Optional:      true,
				Validators:    []validator.List{listvalidator.ValueStringsAre(readableFile())},
				PlanModifiers: []planmodifier.List{listplanmodifier.RequiresReplace()},
			},
			"files_sha256": schema.ListAttribute{
				MarkdownDescription: "SHA-256 of each file in `files`, in the same order, as sent. Planning compares the files with it, so an edited file plans a new message.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"message_type": computedString("Direction of the message: `outgoing` for messages sent through the API."),
			"content_type": computedString("Content type LiveDesk gave the message, such as `text`."),
			"status":       computedString("Delivery status when sent, such as `sent`."),
			"created_at":   computedInt64("When the message was created, in unix seconds."),
			"sender_id":    computedString("Id of the sender (the agent or bot behind the API key)."),
			"sender_type":  computedString("Type of the sender, such as `user`."),
			"attachments": schema.ListNestedAttribute{
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

// ModifyPlan hashes the files of an existing message, so that editing a
// file's bytes (with the same path) plans a new message. For a new message
// files_sha256 stays unknown until Create hashes the bytes it sends: a
// value known at plan time would make a saved plan inconsistent if a file
// changed before the apply.
func (r *messageResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if warnDestroyForgets(ctx, req, resp, "message") || req.State.Raw.IsNull() {
		return // destroy, or create
	}
	var files, prior types.List
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("files"), &files)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("files_sha256"), &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	planned, diags := plannedFileHashes(ctx, files)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if prior.Equal(planned) {
		planned = prior
	} else {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("files_sha256"))
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("files_sha256"), planned)...)
}

// plannedFileHashes is files_sha256 for the planned files: unknown while
// the paths are, null without files.
func plannedFileHashes(ctx context.Context, files types.List) (types.List, diag.Diagnostics) {
	if files.IsUnknown() || slices.ContainsFunc(files.Elements(), attr.Value.IsUnknown) {
		return types.ListUnknown(types.StringType), nil
	}
	if files.IsNull() {
		return types.ListNull(types.StringType), nil
	}
	var paths []string
	diags := files.ElementsAs(ctx, &paths, false)
	if diags.HasError() {
		return types.ListNull(types.StringType), diags
	}
	hashes, err := hashFiles(paths)
	if err != nil {
		diags.AddAttributeError(path.Root("files"), "Cannot read a file to attach", err.Error())
		return types.ListNull(types.StringType), diags
	}
	return types.ListValueFrom(ctx, types.StringType, hashes)
}

// Create sends the message with exactly one request.
func (r *messageResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan messageModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	conversationID, msgReq, diags := r.messageRequest(ctx, plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	hashes := make([]string, 0, len(msgReq.Files))
	for _, f := range msgReq.Files {
		hashes = append(hashes, sha256Hex(f.Data))
	}
	msg, err := r.data.client.Messages.Create(ctx, conversationID, msgReq)
	if err != nil {
		detail := r.data.explain(err, "message", fmt.Sprintf("look at the latest messages of conversation %d in the LiveDesk console", conversationID))
		if livedesk.IsNotFound(err) {
			detail = fmt.Sprintf("LiveDesk has no conversation %d (conversation_id). Check the id, or that the API key belongs to the project that holds it.\n\n%s", conversationID, detail)
		}
		resp.Diagnostics.AddError("Cannot send the LiveDesk message", detail)
		return
	}
	plan.FilesSHA256 = types.ListNull(types.StringType)
	if !plan.Files.IsNull() {
		var diags diag.Diagnostics
		plan.FilesSHA256, diags = types.ListValueFrom(ctx, types.StringType, hashes)
		resp.Diagnostics.Append(diags...)
	}
	resp.Diagnostics.Append(applyMessage(ctx, &plan, msg)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// messageRequest turns the plan into the send request, reading the files.
func (r *messageResource) messageRequest(ctx context.Context, plan messageModel) (int64, livedesk.CreateMessageRequest, diag.Diagnostics) {
	var diags diag.Diagnostics
	msgReq := livedesk.CreateMessageRequest{Content: plan.Content.ValueString(), Private: plan.Private.ValueBool()}
	conversationID, err := parseID(plan.ConversationID.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("conversation_id"), "Invalid conversation_id", err.Error())
	}
	if !plan.InReplyTo.IsNull() {
		if msgReq.InReplyTo, err = parseID(plan.InReplyTo.ValueString()); err != nil {
			diags.AddAttributeError(path.Root("in_reply_to"), "Invalid in_reply_to", err.Error())
		}
	}
	var paths []string
	diags.Append(plan.Files.ElementsAs(ctx, &paths, true)...)
	if diags.HasError() {
		return 0, msgReq, diags
	}
	if msgReq.Files, err = loadFiles(paths); err != nil {
		diags.AddAttributeError(path.Root("files"), "Cannot attach the files", err.Error())
	}
	return conversationID, msgReq, diags
}

// applyMessage copies the send answer into the state.
func applyMessage(ctx context.Context, m *messageModel, msg *livedesk.Message) diag.Diagnostics {
	m.ID = types.StringValue(strconv.FormatInt(int64(msg.ID), 10))
	m.MessageType = types.StringValue(string(msg.MessageType))
	m.ContentType = types.StringValue(msg.ContentType)
	m.Status = types.StringValue(msg.Status)
	m.CreatedAt = types.Int64Value(msg.CreatedAt.Unix())
	m.SenderID = types.StringValue(strconv.FormatInt(int64(msg.Sender.ID), 10))
	m.SenderType = types.StringValue(msg.Sender.Type)
	attachments := make([]attachmentModel, 0, len(msg.Attachments))
	for _, a := range msg.Attachments {
		attachments = append(attachments, attachmentModel{
			ID:        types.StringValue(strconv.FormatInt(int64(a.ID), 10)),
			FileType:  types.StringValue(a.FileType),
			Extension: types.StringValue(a.Extension),
			DataURL:   types.StringValue(a.DataURL),
			ThumbURL:  types.StringValue(a.ThumbURL),
			FileSize:  types.Int64Value(int64(a.FileSize)),
			Width:     optionalInt64(a.Width),
			Height:    optionalInt64(a.Height),
		})
	}
	list, diags := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: attachmentAttrTypes}, attachments)
	m.Attachments = list
	return diags
}

// attachmentModel is one element of attachments.
type attachmentModel struct {
	ID        types.String `tfsdk:"id"`
	FileType  types.String `tfsdk:"file_type"`
	Extension types.String `tfsdk:"extension"`
	DataURL   types.String `tfsdk:"data_url"`
	ThumbURL  types.String `tfsdk:"thumb_url"`
	FileSize  types.Int64  `tfsdk:"file_size"`
	Width     types.Int64  `tfsdk:"width"`
	Height    types.Int64  `tfsdk:"height"`
}

// optionalInt64 is null when the API sent null.
func optionalInt64(v *livedesk.Int64) types.Int64 {
	if v == nil {
		return types.Int64Null()
	}
	return types.Int64Value(int64(*v))
}

// Read sends nothing: LiveDesk documents no way to read a message back.
func (r *messageResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

// Update is never planned: every argument of a message forces a new one.
func (r *messageResource) Update(_ context.Context, _ resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.AddError("livedesk_message cannot be updated",
		"LiveDesk messages cannot be changed; every argument forces a new message. This plan should not have happened: please report it.")
}

// Delete only forgets the message: LiveDesk documents no way to delete it,
// and the plan already warned so.
func (r *messageResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

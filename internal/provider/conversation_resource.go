package provider

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

var (
	_ resource.Resource                     = (*conversationResource)(nil)
	_ resource.ResourceWithConfigure        = (*conversationResource)(nil)
	_ resource.ResourceWithConfigValidators = (*conversationResource)(nil)
)

// conversationResource manages livedesk_conversation.
type conversationResource struct {
	resourceConfigurer
}

// conversationModel is the livedesk_conversation state.
type conversationModel struct {
	ID               types.String `tfsdk:"id"`
	InboxID          types.String `tfsdk:"inbox_id"`
	ContactID        types.String `tfsdk:"contact_id"`
	SourceID         types.String `tfsdk:"source_id"`
	Status           types.String `tfsdk:"status"`
	ResolveOnDestroy types.Bool   `tfsdk:"resolve_on_destroy"`
	UUID             types.String `tfsdk:"uuid"`
	AccountID        types.Int64  `tfsdk:"account_id"`
	CreatedAt        types.Int64  `tfsdk:"created_at"`
}

// NewConversationResource returns the livedesk_conversation resource.
func NewConversationResource() resource.Resource {
	return &conversationResource{}
}

// Metadata sets the type name livedesk_conversation.
func (r *conversationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_conversation"
}

// Schema describes livedesk_conversation.
func (r *conversationResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A LiveDesk conversation between a contact and an API-channel inbox, created with " +
			"`POST /api/v2/accounts/conversations`.\n\n" +
			"LiveDesk documents no way to read a conversation back or to delete one. So refresh keeps what the create " +
			"answer said and sends no request (changes made in LiveDesk, such as an agent resolving the conversation, are " +
			"not detected), destroy resolves the conversation unless `resolve_on_destroy = false`, and import is not offered.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The conversation id (LiveDesk's per-account display id), as a string.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"inbox_id": schema.StringAttribute{
				MarkdownDescription: "Id of the API-channel inbox (the Channel ID under Project Settings → Channels). Sent as a number. Changing it creates a new conversation.",
				Required:            true,
				Validators:          []validator.String{positiveID()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"contact_id": schema.StringAttribute{
				MarkdownDescription: "Id of the contact the conversation is with. When only `source_id` is set, LiveDesk finds the contact and this is read from the answer. Changing it creates a new conversation.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{positiveID()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIfConfigured()},
			},
			"source_id": schema.StringAttribute{
				MarkdownDescription: "The contact's source id in this inbox (returned when the contact was created). At least one of `contact_id` and `source_id` is required. Changing it creates a new conversation.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "The conversation status: `open`, `resolved`, `pending` or `snoozed`. When set, it is applied after creation and changed in place with `toggle_status`; LiveDesk refuses some transitions (for example `resolved` to `snoozed`). When not set, it is the status LiveDesk gave the new conversation.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.OneOf(livedesk.ConversationStatuses...)},
				PlanModifiers:       keep,
			},
			"resolve_on_destroy": schema.BoolAttribute{
				MarkdownDescription: "Whether destroy resolves the conversation. LiveDesk has no delete, so destroy can only resolve it (the default) or, with `false`, leave it as it is and forget it.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"uuid": schema.StringAttribute{
				MarkdownDescription: "The conversation's UUID.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"account_id": schema.Int64Attribute{
				MarkdownDescription: "The LiveDesk account (project) the conversation belongs to.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"created_at": schema.Int64Attribute{
				MarkdownDescription: "When the conversation was created, in unix seconds.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
		},
	}
}

// ConfigValidators requires contact_id or source_id.
func (r *conversationResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.AtLeastOneOf(path.MatchRoot("contact_id"), path.MatchRoot("source_id")),
	}
}

// Create creates the conversation with one request, then sets the
// configured status with a second one when it differs from LiveDesk's
// initial status.
func (r *conversationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan conversationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	createReq, err := conversationRequest(plan)
	if err != nil {
		resp.Diagnostics.AddError("Invalid livedesk_conversation", err.Error())
		return
	}
	requestedAt := time.Now()
	conv, err := r.data.client.Conversations.Create(ctx, createReq)
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the LiveDesk conversation", r.data.explain(err, "conversation",
			fmt.Sprintf("look for a new conversation in inbox %d in the LiveDesk console", createReq.InboxID)))
		return
	}
	if err := checkCreatedConversation(createReq, requestedAt, conv); err != nil {
		resp.Diagnostics.AddError("LiveDesk did not create a new conversation", err.Error())
		return
	}

	state := plan
	state.ID = types.StringValue(strconv.FormatInt(int64(conv.ID), 10))
	state.UUID = types.StringValue(conv.UUID)
	state.AccountID = types.Int64Value(int64(conv.AccountID))
	state.CreatedAt = types.Int64Value(conv.CreatedAt.Unix())
	if plan.ContactID.IsUnknown() {
		// Only source_id was set: LiveDesk found the contact.
		state.ContactID = types.StringValue(strconv.FormatInt(int64(conv.Meta.Sender.ID), 10))
	}
	state.Status = types.StringValue(conv.Status)
	// Save the conversation first, so that it is tracked even if setting
	// the status fails.
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	if resp.Diagnostics.HasError() || plan.Status.IsUnknown() || plan.Status.ValueString() == conv.Status {
		return
	}
	status, err := r.setStatus(ctx, int64(conv.ID), plan.Status.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot set the conversation status", err.Error()+
			"\n\nThe conversation was created and is kept in the state (tainted); the next apply replaces it.")
		return
	}
	state.Status = types.StringValue(status)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Read sends nothing: LiveDesk documents no way to read a conversation, so
// the state stays as the create answer left it.
func (r *conversationResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

// Update changes the status in place; resolve_on_destroy needs no request.
func (r *conversationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state conversationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !plan.Status.Equal(state.Status) {
		id, diags := idFromState("livedesk_conversation", state.ID)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		status, err := r.setStatus(ctx, id, plan.Status.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("status"), "Cannot change the conversation status", err.Error())
			return
		}
		plan.Status = types.StringValue(status)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete resolves the conversation (LiveDesk has no delete) unless
// resolve_on_destroy is false. A conversation LiveDesk no longer knows is
// already gone; a transition LiveDesk refuses is reported as a warning.
func (r *conversationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state conversationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !state.ResolveOnDestroy.ValueBool() {
		return
	}
	id, diags := idFromState("livedesk_conversation", state.ID)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	_, err := r.data.client.Conversations.ToggleStatus(ctx, id, livedesk.StatusResolved)
	switch {
	case err == nil:
	case livedesk.IsNotFound(err):
		resp.Diagnostics.AddWarning("Conversation already gone",
			fmt.Sprintf("LiveDesk no longer knows conversation %d, so there was nothing to resolve. It has been removed from the state.", id))
	case isRefusedTransition(err):
		resp.Diagnostics.AddWarning("Conversation not resolved",
			fmt.Sprintf("LiveDesk refused to resolve conversation %d (%v). It stays in LiveDesk as it is and has been removed from the state.", id, err))
	default:
		resp.Diagnostics.AddError("Cannot resolve the LiveDesk conversation", r.data.explain(err, "", "")+
			"\n\nThe conversation is kept in the state. Retry, or set resolve_on_destroy = false to forget it without resolving it.")
	}
}

// setStatus changes the status and returns the status LiveDesk reports.
func (r *conversationResource) setStatus(ctx context.Context, id int64, status string) (string, error) {
	res, err := r.data.client.Conversations.ToggleStatus(ctx, id, status)
	if err != nil {
		return "", fmt.Errorf("changing conversation %d to %q: %s", id, status, r.data.explain(err, "", ""))
	}
	if res.CurrentStatus == "" {
		return status, nil
	}
	if res.CurrentStatus != status {
		return "", fmt.Errorf("LiveDesk kept conversation %d %q instead of %q", id, res.CurrentStatus, status)
	}
	return res.CurrentStatus, nil
}

// conversationRequest turns the plan into the create request.
func conversationRequest(plan conversationModel) (livedesk.CreateConversationRequest, error) {
	var req livedesk.CreateConversationRequest
	var err error
	if req.InboxID, err = parseID(plan.InboxID.ValueString()); err != nil {
		return req, fmt.Errorf("inbox_id: %w", err)
	}
	if !plan.ContactID.IsNull() && !plan.ContactID.IsUnknown() {
		if req.ContactID, err = parseID(plan.ContactID.ValueString()); err != nil {
			return req, fmt.Errorf("contact_id: %w", err)
		}
	}
	req.SourceID = plan.SourceID.ValueString()
	return req, nil
}

// isRefusedTransition reports a status change LiveDesk's transition rules
// refuse (422).
func isRefusedTransition(err error) bool {
	return livedesk.HasStatus(err, http.StatusUnprocessableEntity)
}

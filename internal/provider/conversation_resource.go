package provider

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

var (
	_ resource.Resource                     = (*conversationResource)(nil)
	_ resource.ResourceWithConfigure        = (*conversationResource)(nil)
	_ resource.ResourceWithConfigValidators = (*conversationResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*conversationResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*conversationResource)(nil)
	_ resource.ResourceWithImportState      = (*conversationResource)(nil)
)

// conversationResource manages livedesk_conversation.
type conversationResource struct {
	resourceConfigurer
}

// conversationModel is the livedesk_conversation state.
type conversationModel struct {
	ID               idValue      `tfsdk:"id"`
	InboxID          idValue      `tfsdk:"inbox_id"`
	ContactID        idValue      `tfsdk:"contact_id"`
	SourceID         types.String `tfsdk:"source_id"`
	Status           types.String `tfsdk:"status"`
	SnoozedUntil     types.String `tfsdk:"snoozed_until"`
	Messages         types.List   `tfsdk:"messages"`
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
		MarkdownDescription: "A conversation with a contact in an API-channel inbox, and its transcript: messages sent in the order written.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The conversation id (LiveDesk's per-account display id), as a string.",
				CustomType:          idType,
				Computed:            true,
				PlanModifiers:       keep,
			},
			"inbox_id": schema.StringAttribute{
				MarkdownDescription: "Id of the API-channel inbox (the Channel ID under Project Settings → Channels). Sent as a number. Changing it creates a new conversation.",
				Required:            true,
				CustomType:          idType,
				PlanModifiers:       []planmodifier.String{replaceUnlessAdopting()},
			},
			"contact_id": schema.StringAttribute{
				MarkdownDescription: "Id of the contact the conversation is with. When only `source_id` is set, LiveDesk finds the contact and this is read from the answer. Changing it creates a new conversation.",
				Optional:            true,
				Computed:            true,
				CustomType:          idType,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown(), replaceIfConfiguredUnlessAdopting()},
			},
			"source_id": schema.StringAttribute{
				MarkdownDescription: "The contact's source id in this inbox (returned when the contact was created). At least one of `contact_id` and `source_id` is required. Changing it creates a new conversation.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{replaceUnlessAdopting()},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "The conversation status: `open`, `resolved`, `pending` or `snoozed`. When set, it is applied after creation (after the `messages`) and changed in place with `toggle_status`; LiveDesk refuses some transitions (for example `resolved` to `snoozed`). When not set, it is the status LiveDesk gave the new conversation: usually `open`, but `pending` in an inbox with an active bot and `resolved` for a blocked contact.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.OneOf(livedesk.ConversationStatuses...)},
				PlanModifiers:       keep,
			},
			"snoozed_until": schema.StringAttribute{
				MarkdownDescription: "When a snoozed conversation reopens, as an RFC 3339 time such as `2031-01-06T09:00:00Z`; only with `status = \"snoozed\"`. " +
					"Sent to `toggle_status` as unix seconds and changed in place. Without it a snoozed conversation stays snoozed until the contact's next message.",
				Optional:   true,
				Validators: []validator.String{snoozeUntil()},
			},
			"messages": transcriptAttribute(),
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

// ValidateConfig checks the transcript, and that snoozed_until goes with a
// snoozed status.
func (r *conversationResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config conversationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	messages, diags := transcriptMessages(ctx, config.Messages)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(validateTranscript(path.Root("messages"), messages)...)
	resp.Diagnostics.Append(validateSnoozedUntil(config.Status, config.SnoozedUntil)...)
}

// ModifyPlan plans the transcript and the status with the engine (see
// planTranscript and planStatus): messages already sent keep their ids,
// new ones are hashed and shown as new, any change but an append plans a
// replacement with the engine's warning, and a transition the documented
// matrix forbids fails the plan. It warns when a destroy will leave the
// conversation as it is, and lets an imported conversation adopt its
// configuration and the messages it was imported with.
func (r *conversationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		r.warnDestroy(ctx, req, resp)
		return
	}
	var plan conversationModel
	var configuredStatus, configuredSnooze types.String
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("status"), &configuredStatus)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("snoozed_until"), &configuredSnooze)...)
	var state *conversationModel
	var sent []transcriptMessage
	if !req.State.Raw.IsNull() {
		state = &conversationModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
		var diags diag.Diagnostics
		sent, diags = transcriptMessages(ctx, state.Messages)
		resp.Diagnostics.Append(diags...)
	}
	adopting, diags := isAdopting(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	held, diags := heldMessages(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	in := transcriptInput{At: path.Root("messages"), List: plan.Messages, Sent: sent, Held: held, Target: conversation.SingleImport{}}
	if state != nil {
		in.ConversationID = state.ID.ValueString()
	}
	transcript := planTranscript(ctx, in, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if state != nil {
		switch {
		case transcript.Outcome() == conversation.Replace:
			resp.RequiresReplace.Append(path.Root("messages"))
			summary, detail := conversation.ReplacementWarning("The conversation", state.ID.ValueString(), transcript.Change, plan.ResolveOnDestroy.ValueBool())
			resp.Diagnostics.AddAttributeWarning(path.Root("messages"), summary, detail)
		case adopting && len(held) == 0 && len(transcript.Messages) > 0:
			summary, detail := conversation.UnadoptedWarning(state.ID.ValueString(), len(transcript.Messages), conversation.SingleImport{})
			resp.Diagnostics.AddAttributeWarning(path.Root("messages"), summary, detail)
		}
		if adopting {
			plan.UUID, plan.AccountID, plan.CreatedAt = state.UUID, state.AccountID, state.CreatedAt
			if plan.ContactID.IsUnknown() {
				plan.ContactID = state.ContactID
			}
		}
		if transcript.Outcome() != conversation.Replace {
			plan.Status = planStatus(path.Root("status"), conversation.StatusRule{
				Conversation: state.ID.ValueString(),
				Configured:   engineStatus(configuredStatus, configuredSnooze),
				Prior:        priorStatus(state.Status, state.SnoozedUntil, adopting),
				Directions:   directionsOf(transcript.newMessages()),
				Undecided:    transcript.MayReplace(),
			}, &resp.Diagnostics)
			if transcript.MayReplace() && !adopting {
				unknownUntilApply(&plan, transcript)
			}
		}
	}
	if transcript.Known {
		plan.Messages, diags = transcriptValue(ctx, plan.Messages, transcript.Messages)
		resp.Diagnostics.Append(diags...)
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// unknownUntilApply plans as unknown the values a new conversation would
// change, except its id, for an update the apply may still find to need
// one (see conversation.TranscriptPlan.MayReplace): the id stays known, so
// that nothing that refers to the conversation is replaced for a change
// that may not come. Terraform stops such an apply before any request if
// the known values then need a new conversation; when the apply finds
// nothing changed, Update keeps them all as they were.
func unknownUntilApply(plan *conversationModel, transcript transcriptPlan) {
	plan.UUID, plan.AccountID, plan.CreatedAt = types.StringUnknown(), types.Int64Unknown(), types.Int64Unknown()
	for i := range transcript.Messages[:min(transcript.Kept, len(transcript.Messages))] {
		m := &transcript.Messages[i]
		m.ID, m.CreatedAt, m.Attachments = unknownID(), types.Int64Unknown(), types.ListUnknown(types.ObjectType{AttrTypes: attachmentAttrTypes})
	}
}

// warnDestroy tells, at plan time, what destroying the conversation does
// when it leaves it as it is.
func (r *conversationResource) warnDestroy(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() {
		return
	}
	var state conversationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if !state.ResolveOnDestroy.ValueBool() {
		resp.Diagnostics.AddWarning(fmt.Sprintf("Conversation %s will be left as it is", state.ID.ValueString()),
			"resolve_on_destroy = false and LiveDesk has no API to delete a conversation, so destroying it only removes it from the "+
				"Terraform state: the conversation and its messages stay in LiveDesk with their current status.")
	}
}

// Create creates the conversation with one request, sends the transcript
// one message at a time, then applies the configured status when the
// engine says LiveDesk does not hold it after the messages.
func (r *conversationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan conversationModel
	var configuredStatus, configuredSnooze types.String
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("status"), &configuredStatus)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("snoozed_until"), &configuredSnooze)...)
	messages, diags := transcriptMessages(ctx, plan.Messages)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	createReq := conversationRequest(plan)
	conv, failed := r.data.openConversation(ctx, createReq, "another livedesk_conversation resource", conversation.SingleImport{Creating: true})
	switch {
	case failed != nil && failed.Refused:
		resp.Diagnostics.AddError("LiveDesk did not create a new conversation", failed.Detail)
		return
	case failed != nil:
		resp.Diagnostics.AddError("Cannot create the LiveDesk conversation", failed.Detail)
		return
	}

	state := plan
	state.ID = newID(int64(conv.ID))
	state.UUID = types.StringValue(conv.UUID)
	state.AccountID = types.Int64Value(int64(conv.AccountID))
	state.CreatedAt = types.Int64Value(conv.CreatedAt.Unix())
	if plan.ContactID.IsUnknown() {
		// Only source_id was set: LiveDesk found the contact.
		state.ContactID = newID(int64(conv.Meta.Sender.ID))
	}
	state.Status, state.SnoozedUntil = types.StringValue(conv.Status), types.StringNull()
	state.Messages, diags = transcriptValue(ctx, plan.Messages, nil)
	resp.Diagnostics.Append(diags...)
	// Save the conversation first, so that it is tracked even if a message
	// or the status fails.
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(conversationIdentity.record(ctx, resp.State, resp.Identity)...)
	if resp.Diagnostics.HasError() {
		return
	}
	sent, err := r.data.sendTranscript(ctx, int64(conv.ID), messages, 0)
	warnDirections(&resp.Diagnostics, sent.Warnings)
	state.Messages, diags = transcriptValue(ctx, plan.Messages, messages[:sent.Done])
	resp.Diagnostics.Append(diags...)
	holds := conversation.Holds(conversation.StatusOf(conv.Status), sent.Directions)
	if err != nil {
		state.Status, state.SnoozedUntil = recordedStatus(holds)
		resp.Diagnostics.AddError("Cannot send the conversation's transcript", sendFailure(err, conversation.SingleImport{}, true))
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	state.Status, state.SnoozedUntil, err = r.data.settleStatus(ctx, int64(conv.ID), holds, engineStatus(configuredStatus, configuredSnooze))
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("status"), "Cannot set the conversation status", err.Error()+
			"\n\nThe conversation and its messages were created and are kept in the state (tainted); the next apply replaces it, or run terraform untaint on it and apply again to retry the status alone.")
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// warnDirections reports where LiveDesk recorded another direction than
// a message asked for.
func warnDirections(diags *diag.Diagnostics, warnings []string) {
	for _, w := range warnings {
		if w != "" {
			diags.AddWarning(directionWarning, w)
		}
	}
}

// directionWarning is the summary of a warning that LiveDesk recorded
// another direction than a message asked for.
const directionWarning = "LiveDesk recorded another direction"

// Read sends nothing: LiveDesk documents no way to read a conversation, so
// the state stays as the create answer left it. It only records the
// identity, which older CLIs do not keep.
func (r *conversationResource) Read(ctx context.Context, _ resource.ReadRequest, resp *resource.ReadResponse) {
	resp.Diagnostics.Append(conversationIdentity.record(ctx, resp.State, resp.Identity)...)
}

// Update sends the messages appended to the transcript, in order, then
// the configured status when the engine says LiveDesk does not hold it
// after them; resolve_on_destroy needs no request. An imported
// conversation adopts its configuration, and the messages it was imported
// with, without a request for them.
func (r *conversationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state conversationModel
	var configuredStatus, configuredSnooze types.String
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("status"), &configuredStatus)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("snoozed_until"), &configuredSnooze)...)
	resp.Diagnostics.Append(conversationIdentity.record(ctx, req.State, resp.Identity)...)
	adopting, diags := isAdopting(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	held, diags := heldMessages(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	planned, diags := transcriptMessages(ctx, plan.Messages)
	resp.Diagnostics.Append(diags...)
	sent, diags := transcriptMessages(ctx, state.Messages)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, diags := idFromState("livedesk_conversation", state.ID)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !adopting {
		held = nil
	}
	from, err := conversation.SendFrom(engineMessages(planned), engineMessages(sent), held)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("messages"), "A message already sent would change", err.Error())
		return
	}
	// An update never changes these; the plan may have left them unknown
	// (see unknownUntilApply).
	plan.ID, plan.UUID, plan.AccountID, plan.CreatedAt = state.ID, state.UUID, state.AccountID, state.CreatedAt
	if len(held) == 0 {
		for i := range from {
			planned[i].ID, planned[i].CreatedAt, planned[i].Attachments = sent[i].ID, sent[i].CreatedAt, sent[i].Attachments
		}
	}
	result, err := r.data.sendTranscript(ctx, id, planned, from)
	warnDirections(&resp.Diagnostics, result.Warnings)
	plan.Messages, diags = transcriptValue(ctx, plan.Messages, planned[:result.Done])
	resp.Diagnostics.Append(diags...)
	holds := conversation.Holds(priorStatus(state.Status, state.SnoozedUntil, adopting), result.Directions)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("messages"), "Cannot send the new messages", sendFailure(err, conversation.SingleImport{}, false))
		plan.Status, plan.SnoozedUntil = recordedStatus(holds)
	} else {
		plan.Status, plan.SnoozedUntil, err = r.data.settleStatus(ctx, id, holds, engineStatus(configuredStatus, configuredSnooze))
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("status"), "Cannot change the conversation status", err.Error())
		}
	}
	resp.Diagnostics.Append(endAdoption(ctx, resp.Private)...)
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
		resp.Diagnostics.AddError("Cannot resolve the LiveDesk conversation", r.data.explain(err)+
			"\n\nThe conversation is kept in the state. Retry, or set resolve_on_destroy = false to forget it without resolving it.")
	}
}

// ImportState adopts a conversation by its id, or by its id and the ids of
// the messages it already holds, in transcript order ("407/3031,3032"):
// those adopt the first elements of messages without being sent. Nothing
// can be read back, so the rest comes from the configuration on the next
// apply.
func (r *conversationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(conversationIdentity.fillImportID(ctx, &req)...)
	imported, err := conversation.ParseImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid livedesk_conversation import id", fmt.Sprintf(
			"Import a conversation by its id, the number LiveDesk shows, such as 407, or by its id and the ids of the messages it already holds, "+
				"in transcript order, such as 407/3031,3032: %v", err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), newID(imported.ID))...)
	resp.Diagnostics.Append(startAdoption(ctx, resp.Private, imported.Held...)...)
	resp.Diagnostics.Append(conversationIdentity.record(ctx, resp.State, resp.Identity)...)
	resp.Diagnostics.Append(importNotice("conversation", "inbox_id, contact_id or source_id, status and messages"))
}

// explainConversationCreate explains a failed conversation create; a 404
// names the references sent, one of which LiveDesk did not find. next says
// how to adopt the conversation if it was created all the same.
func (d *providerData) explainConversationCreate(err error, req livedesk.CreateConversationRequest, next string) string {
	text := d.explainCreate(err, createFailure{kind: "conversation", check: fmt.Sprintf("look for a new conversation in inbox %d in the LiveDesk console", req.InboxID),
		next: next})
	if livedesk.IsNotFound(err) {
		refs := []string{fmt.Sprintf("inbox_id = %d", req.InboxID)}
		if req.ContactID != 0 {
			refs = append(refs, fmt.Sprintf("contact_id = %d", req.ContactID))
		}
		if req.SourceID != "" {
			refs = append(refs, fmt.Sprintf("source_id = %q", req.SourceID))
		}
		text = fmt.Sprintf("LiveDesk did not find one of the references sent: %s. Check that the inbox is an API channel of the project the API key belongs to, "+
			"and that the contact exists in it.\n\n%s", strings.Join(refs, ", "), text)
	}
	return text
}

// conversationRequest turns the plan into the create request. A null
// contact_id reads as 0, which the request leaves out, so that source_id
// alone names the contact.
func conversationRequest(plan conversationModel) livedesk.CreateConversationRequest {
	return livedesk.CreateConversationRequest{InboxID: plan.InboxID.Int64(), ContactID: plan.ContactID.Int64(), SourceID: plan.SourceID.ValueString()}
}

// isRefusedTransition reports a status change LiveDesk's transition rules
// refuse (422).
func isRefusedTransition(err error) bool {
	return livedesk.HasStatus(err, http.StatusUnprocessableEntity)
}

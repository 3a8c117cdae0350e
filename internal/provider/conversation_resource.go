package provider

import (
	"context"
	"fmt"
	"net/http"
	"strings"
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
		MarkdownDescription: "A LiveDesk conversation between a contact and an API-channel inbox, created with " +
			"`POST /api/v2/accounts/conversations`.\n\n" +
			"With `messages`, the conversation carries its transcript: the messages are sent in the order written, in the same apply, " +
			"and new ones appended at the end are sent in place (see the guide *Seeding conversations*).\n\n" +
			"LiveDesk documents no way to read a conversation back or to delete one. So refresh keeps what the create " +
			"answer said and sends no request (changes made in LiveDesk, such as an agent resolving the conversation, are " +
			"not detected), and destroy resolves the conversation unless `resolve_on_destroy = false`. Import adopts a conversation " +
			"by its id and takes the rest from the configuration, since nothing can be read back: the first apply after the import " +
			"sends nothing but the `messages` the plan shows as new (an imported conversation's existing messages are not known, so " +
			"every configured message is planned as new; leave `messages` out to adopt a conversation as it is).",
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
				MarkdownDescription: "When a snoozed conversation reopens, as an RFC 3339 time such as `2026-12-01T09:00:00Z`; only with `status = \"snoozed\"`. " +
					"Sent to `toggle_status` as unix seconds and changed in place. Without it a snoozed conversation stays snoozed until the contact's next message.",
				Optional:   true,
				Validators: []validator.String{rfc3339()},
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
	resp.Diagnostics.Append(validateTranscript(messages)...)
	resp.Diagnostics.Append(validateSnoozedUntil(config.Status, config.SnoozedUntil)...)
}

// ModifyPlan plans the transcript: the files of messages to send are hashed
// (and must be readable), messages already sent keep their ids, and any
// change to them but an append plans a replacement, with a warning that
// says which element caused it. It warns when a destroy will leave the
// conversation as it is, and lets an imported conversation adopt its
// configuration.
func (r *conversationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		r.warnDestroy(ctx, req, resp)
		return
	}
	var plan conversationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	planned, diags := transcriptMessages(ctx, plan.Messages)
	resp.Diagnostics.Append(diags...)
	var state *conversationModel
	var sent []transcriptMessage
	if !req.State.Raw.IsNull() {
		state = &conversationModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
		sent, diags = transcriptMessages(ctx, state.Messages)
		resp.Diagnostics.Append(diags...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	// A transcript not known until apply stays unknown in the plan; the
	// apply refuses to change a message already sent (see Update).
	known := !plan.Messages.IsUnknown()
	for i := range planned {
		files := path.Root("messages").AtListIndex(i).AtName("files")
		if i < len(sent) {
			planned[i].FilesSHA256 = plannedHashes(ctx, files, planned[i].Files, &sentFiles{sent[i].Files, sent[i].FilesSHA256}, &resp.Diagnostics)
			continue
		}
		planned[i].FilesSHA256 = plannedHashes(ctx, files, planned[i].Files, nil, &resp.Diagnostics)
		planned[i].ID = unknownID()
		planned[i].CreatedAt = types.Int64Unknown()
		planned[i].Attachments = types.ListUnknown(types.ObjectType{AttrTypes: attachmentAttrTypes})
	}
	if state != nil {
		adopting, diags := isAdopting(ctx, req.Private)
		resp.Diagnostics.Append(diags...)
		// Messages already sent replace the conversation when they change,
		// also after an import: an imported conversation has none in the
		// state, so adopting it only plans new ones.
		switch reason := transcriptChange(planned, sent); {
		case !known:
		case reason != "":
			resp.RequiresReplace.Append(path.Root("messages"))
			resp.Diagnostics.AddAttributeWarning(path.Root("messages"), "The conversation will be replaced",
				reason+". LiveDesk cannot change or delete a message that was sent, so this plan creates a new conversation with the whole "+
					"transcript and resolves the old one (unless resolve_on_destroy = false). Only messages added at the end of the list are sent in place.")
		default:
			for i := range sent {
				planned[i].ID, planned[i].CreatedAt, planned[i].Attachments = sent[i].ID, sent[i].CreatedAt, sent[i].Attachments
			}
		}
		if adopting {
			plan.UUID, plan.AccountID, plan.CreatedAt = state.UUID, state.AccountID, state.CreatedAt
			if plan.ContactID.IsUnknown() {
				plan.ContactID = state.ContactID
			}
			if plan.Status.IsUnknown() {
				plan.Status = state.Status
			}
		}
	}
	if known {
		plan.Messages, diags = transcriptValue(ctx, plan.Messages, planned)
		resp.Diagnostics.Append(diags...)
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
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
// one message at a time, then applies the configured status.
func (r *conversationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan conversationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	messages, diags := transcriptMessages(ctx, plan.Messages)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	createReq := conversationRequest(plan)
	requestedAt := time.Now()
	conv, err := r.data.client.Conversations.Create(ctx, createReq)
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the LiveDesk conversation", r.explainCreate(err, createReq))
		return
	}
	if err := checkCreatedConversation(createReq, requestedAt, conv); err != nil {
		resp.Diagnostics.AddError("LiveDesk did not create a new conversation", err.Error())
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
	state.Status = types.StringValue(conv.Status)
	state.SnoozedUntil = types.StringNull()
	state.Messages, diags = transcriptValue(ctx, plan.Messages, nil)
	resp.Diagnostics.Append(diags...)
	// Save the conversation first, so that it is tracked even if a message
	// or the status fails.
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(conversationIdentity.record(ctx, resp.State, resp.Identity)...)
	if resp.Diagnostics.HasError() {
		return
	}
	sent, err := r.sendTranscript(ctx, int64(conv.ID), messages, 0)
	state.Messages, diags = transcriptValue(ctx, plan.Messages, messages[:sent])
	resp.Diagnostics.Append(diags...)
	if err != nil {
		resp.Diagnostics.AddError("Cannot send the conversation's transcript", err.Error()+fmt.Sprintf(
			"\n\nConversation %d was created and holds the messages before that one; the state records them, and the conversation is tainted. Either:\n"+
				"  - keep this conversation: run terraform untaint on it, then apply again, which sends the remaining messages into it, in order; or\n"+
				"  - start over: apply again, which replaces it with a new conversation and the whole transcript (the old one is resolved unless resolve_on_destroy = false).",
			conv.ID))
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	if !plan.Status.IsUnknown() && (plan.Status.ValueString() != conv.Status || !plan.SnoozedUntil.IsNull() || anyIncoming(messages)) {
		if err := r.setStatus(ctx, int64(conv.ID), plan); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("status"), "Cannot set the conversation status", err.Error()+
				"\n\nThe conversation and its messages were created and are kept in the state (tainted); the next apply replaces it, or run terraform untaint on it and apply again to retry the status alone.")
			resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
			return
		}
		state.Status, state.SnoozedUntil = plan.Status, plan.SnoozedUntil
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// sendTranscript sends messages[from:] to the conversation, one at a time
// and in order, and fills in what LiveDesk answered. It returns how many
// messages of the list are sent (from plus those it sent) and, when a send
// failed, an error naming the element.
func (r *conversationResource) sendTranscript(ctx context.Context, conversationID int64, messages []transcriptMessage, from int) (int, error) {
	for i := from; i < len(messages); i++ {
		m := &messages[i]
		spec := messageSpec{Content: m.Content, MessageType: m.MessageType, Private: m.Private, Files: m.Files, FilesSHA256: m.FilesSHA256}
		if !m.ReplyTo.IsNull() {
			spec.InReplyTo = messages[m.ReplyTo.ValueInt64()].ID.Int64()
		} else {
			spec.InReplyTo = m.InReplyTo.Int64()
		}
		msgReq, hashes, diags := spec.request(ctx)
		if diags.HasError() {
			return i, fmt.Errorf("%s: %s", messagePreview(i, *m), diagnosticsText(diags))
		}
		msg, err := r.data.client.Messages.Create(ctx, conversationID, msgReq)
		if err != nil {
			return i, fmt.Errorf("sending %s to conversation %d failed: %s", messagePreview(i, *m), conversationID, r.data.explainSend(err, conversationID,
				"The state does not record it: applying again sends it again, so if it did arrive the conversation would then hold it twice."))
		}
		sent, diags := newSentMessage(ctx, msg, hashes)
		if diags.HasError() {
			return i, fmt.Errorf("%s was sent as message %d, but its answer could not be recorded: %s", messagePreview(i, *m), msg.ID, diagnosticsText(diags))
		}
		m.ID, m.CreatedAt, m.Attachments = sent.ID, sent.CreatedAt, sent.Attachments
		if hashes != nil {
			m.FilesSHA256 = sent.FilesSHA256
		}
	}
	return len(messages), nil
}

// anyIncoming reports whether any of messages comes from the contact: an
// incoming message reopens a resolved or snoozed conversation.
func anyIncoming(messages []transcriptMessage) bool {
	for _, m := range messages {
		if m.MessageType.ValueString() == livedesk.MessageIncoming {
			return true
		}
	}
	return false
}

// Read sends nothing: LiveDesk documents no way to read a conversation, so
// the state stays as the create answer left it. It only records the
// identity, which older CLIs do not keep.
func (r *conversationResource) Read(ctx context.Context, _ resource.ReadRequest, resp *resource.ReadResponse) {
	resp.Diagnostics.Append(conversationIdentity.record(ctx, resp.State, resp.Identity)...)
}

// Update sends the messages appended to the transcript, in order, then
// changes the status in place; resolve_on_destroy needs no request. An
// imported conversation adopts its configuration without a status change.
func (r *conversationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state conversationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(conversationIdentity.record(ctx, req.State, resp.Identity)...)
	adopting, diags := isAdopting(ctx, req.Private)
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
	// The plan made sure of this unless the transcript was unknown then.
	if reason := transcriptChange(planned, sent); reason != "" {
		resp.Diagnostics.AddAttributeError(path.Root("messages"), "A message already sent would change", reason+
			". The messages were not known when this plan was made, so it could not plan the replacement of the conversation that this needs. "+
			"Nothing was sent. Run terraform plan again: it will show the replacement.")
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	done, err := r.sendTranscript(ctx, id, planned, len(sent))
	plan.Messages, diags = transcriptValue(ctx, plan.Messages, planned[:done])
	resp.Diagnostics.Append(diags...)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("messages"), "Cannot send the new messages", err.Error()+
			"\n\nThe state records the messages that were sent; the next apply sends the rest, in order.")
		plan.Status, plan.SnoozedUntil = state.Status, state.SnoozedUntil
		resp.Diagnostics.Append(endAdoption(ctx, resp.Private)...)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}
	statusChanged := !plan.Status.Equal(state.Status) || !plan.SnoozedUntil.Equal(state.SnoozedUntil)
	if !adopting && !plan.Status.IsNull() && (statusChanged || anyIncoming(planned[len(sent):])) {
		if err := r.setStatus(ctx, id, plan); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("status"), "Cannot change the conversation status", err.Error())
			plan.Status, plan.SnoozedUntil = state.Status, state.SnoozedUntil
			resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
			return
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

// ImportState adopts a conversation by its id. Nothing can be read back, so
// the rest comes from the configuration on the next apply.
func (r *conversationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(conversationIdentity.fillImportID(ctx, &req)...)
	id, err := parseID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid livedesk_conversation import id", fmt.Sprintf("Import a conversation by its id, the number LiveDesk shows, such as 407: %v", err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), newID(id))...)
	resp.Diagnostics.Append(startAdoption(ctx, resp.Private)...)
	resp.Diagnostics.Append(conversationIdentity.record(ctx, resp.State, resp.Identity)...)
}

// setStatus applies the planned status (and snoozed_until) and checks that
// LiveDesk reports it (see setConversationStatus).
func (r *conversationResource) setStatus(ctx context.Context, id int64, plan conversationModel) error {
	if err := r.data.setConversationStatus(ctx, id, plan.Status.ValueString(), snoozedUntil(plan.SnoozedUntil)); err != nil {
		return err
	}
	return nil
}

// explainCreate explains a failed create; a 404 names the references sent,
// one of which LiveDesk did not find.
func (r *conversationResource) explainCreate(err error, req livedesk.CreateConversationRequest) string {
	text := r.data.explainCreate(err, createFailure{kind: "conversation", check: fmt.Sprintf("look for a new conversation in inbox %d in the LiveDesk console", req.InboxID),
		next: importNext("conversation", "<conversation id>")})
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

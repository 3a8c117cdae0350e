package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

var (
	_ action.Action                   = (*setConversationStatusAction)(nil)
	_ action.ActionWithConfigure      = (*setConversationStatusAction)(nil)
	_ action.ActionWithValidateConfig = (*setConversationStatusAction)(nil)
)

// setConversationStatusAction is the livedesk_set_conversation_status
// action: the status of conversations Terraform need not manage, changed
// with one toggle_status each.
type setConversationStatusAction struct {
	actionConfigurer
}

// setConversationStatusModel is the livedesk_set_conversation_status
// configuration.
type setConversationStatusModel struct {
	ConversationIDs types.List   `tfsdk:"conversation_ids"`
	Status          types.String `tfsdk:"status"`
	SnoozedUntil    types.String `tfsdk:"snoozed_until"`
}

// NewSetConversationStatusAction returns the livedesk_set_conversation_status action.
func NewSetConversationStatusAction() action.Action {
	return &setConversationStatusAction{}
}

// Metadata sets the type name livedesk_set_conversation_status.
func (a *setConversationStatusAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_set_conversation_status"
}

// Schema describes livedesk_set_conversation_status.
func (a *setConversationStatusAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Changes the status of conversations Terraform does not manage, one request each (Terraform 1.14 or later).",
		Attributes: map[string]schema.Attribute{
			"conversation_ids": schema.ListAttribute{
				MarkdownDescription: "Ids of the conversations to change, each once.",
				Required:            true,
				ElementType:         idType,
				Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.UniqueValues(), eachID()},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "The new status: `open`, `resolved`, `pending` or `snoozed`.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(livedesk.ConversationStatuses...)},
			},
			"snoozed_until": schema.StringAttribute{
				MarkdownDescription: "When the snoozed conversations reopen, as an RFC 3339 time such as `2031-01-06T09:00:00Z`; only with `status = \"snoozed\"`. " +
					"Sent as unix seconds. Without it a snoozed conversation stays snoozed until the contact's next message.",
				Optional:   true,
				Validators: []validator.String{snoozeUntil()},
			},
		},
	}
}

// ValidateConfig refuses snoozed_until with a status other than snoozed.
func (a *setConversationStatusAction) ValidateConfig(ctx context.Context, req action.ValidateConfigRequest, resp *action.ValidateConfigResponse) {
	var config setConversationStatusModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(validateSnoozedUntil(config.Status, config.SnoozedUntil)...)
}

// Invoke changes each conversation in turn, one request each. A
// conversation that fails does not stop the others; each failure is an
// error naming its conversation, and the progress events and errors say
// which conversations changed.
func (a *setConversationStatusAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var config setConversationStatusModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var ids []idValue
	resp.Diagnostics.Append(config.ConversationIDs.ElementsAs(ctx, &ids, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	status, until := config.Status.ValueString(), snoozedUntil(config.SnoozedUntil)
	var changed []string
	type failure struct {
		id  string
		err *statusChangeError
	}
	var failed []failure
	for _, conversation := range ids {
		id := conversation.Int64()
		if err := a.data.setConversationStatus(ctx, id, status, until); err != nil {
			outcome := "failed"
			if err.refused() {
				outcome = "refused by LiveDesk"
			}
			sendProgress(resp, fmt.Sprintf("Conversation %d: %s", id, outcome))
			failed = append(failed, failure{conversation.ValueString(), err})
			continue
		}
		changed = append(changed, conversation.ValueString())
		sendProgress(resp, fmt.Sprintf("Conversation %d is now %s", id, status))
	}
	done := "No conversation was changed."
	if len(changed) > 0 {
		done = fmt.Sprintf("Changed to %q: conversation %s.", status, strings.Join(changed, ", "))
	}
	for _, f := range failed {
		summary := fmt.Sprintf("Cannot change conversation %s to %q", f.id, status)
		if f.err.refused() {
			summary = fmt.Sprintf("LiveDesk refused to change conversation %s to %q", f.id, status)
		}
		resp.Diagnostics.AddError(summary, f.err.detail+"\n\n"+done)
	}
	if len(failed) == 0 {
		sendProgress(resp, done)
	}
}

package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// warnDestroyForgets adds a plan-time warning when the plan destroys an
// object LiveDesk cannot delete, so that the user learns before the apply
// (not after it) that destroy only removes the object from the state.
// kind names the object ("message", "contact", "ticket"). It reports
// whether the plan is a destroy, for callers that have nothing else to do
// then.
func warnDestroyForgets(req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, kind string) bool {
	if !req.Plan.Raw.IsNull() {
		return false
	}
	if req.State.Raw.IsNull() {
		return true
	}
	var id string
	if raw, _, err := tftypes.WalkAttributePath(req.State.Raw, tftypes.NewAttributePath().WithAttributeName("id")); err == nil {
		if value, ok := raw.(tftypes.Value); ok {
			_ = value.As(&id)
		}
	}
	resp.Diagnostics.AddWarning(fmt.Sprintf("LiveDesk cannot delete %s %s", kind, id),
		fmt.Sprintf("LiveDesk has no API to delete a %s, so destroying it only removes it from the Terraform state: "+
			"%s %s stays in LiveDesk as it is. Keep it in the configuration if Terraform should go on managing it.", kind, kind, id))
	return true
}

// warnReplacedMessageStays adds a plan-time warning that replacing a sent
// message sends a new one beside it: LiveDesk can neither edit nor delete
// the old one. changed names the attributes that force the replacement.
func warnReplacedMessageStays(resp *resource.ModifyPlanResponse, id, conversationID string, changed []string) {
	resp.Diagnostics.AddWarning(fmt.Sprintf("Replacing message %s sends a new message; the old one stays", id),
		fmt.Sprintf("Changed: %s. So the apply sends a new message. LiveDesk has no API to edit or delete a message: message %s stays "+
			"in conversation %s as it is, and the conversation's contact sees it beside the new one. To send nothing, keep the message as it was.",
			strings.Join(changed, ", "), id, conversationID))
}

// warnMessageStays is the apply-time counterpart of warnDestroyForgets for
// a message that is deleted: it also covers a replacement requested with
// -replace, which the provider cannot see while planning (Terraform keeps
// the flag to itself and drops the warnings of the plan it asks for the
// new object).
func warnMessageStays(resp *resource.DeleteResponse, id, conversationID string) {
	resp.Diagnostics.AddWarning(fmt.Sprintf("Message %s stays in conversation %s", id, conversationID),
		fmt.Sprintf("LiveDesk has no API to delete a message, so message %s was only removed from the Terraform state; it stays in conversation %s as it is.",
			id, conversationID))
}

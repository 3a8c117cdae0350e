package provider

import (
	"fmt"

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

package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// warnDestroyForgets adds a plan-time warning when the plan destroys an
// object LiveDesk cannot delete, so that the user learns before the apply
// (not after it) that destroy only removes the object from the state.
// kind names the object ("message", "contact", "ticket"). It reports
// whether the plan is a destroy, for callers that have nothing else to do
// then.
func warnDestroyForgets(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, kind string) bool {
	if !req.Plan.Raw.IsNull() {
		return false
	}
	if req.State.Raw.IsNull() {
		return true
	}
	var id types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	resp.Diagnostics.AddWarning(fmt.Sprintf("LiveDesk cannot delete %s %s", kind, id.ValueString()),
		fmt.Sprintf("LiveDesk has no API to delete a %s, so destroying it only removes it from the Terraform state: "+
			"%s %s stays in LiveDesk as it is. Keep it in the configuration if Terraform should go on managing it.", kind, kind, id.ValueString()))
	return true
}

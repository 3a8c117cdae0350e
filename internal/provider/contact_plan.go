package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// warnCustomAttributesKept warns, at plan time, about custom attributes
// the plan stops managing: LiveDesk merges custom attributes and has no
// way to remove one, so the key stays in LiveDesk with its value. The plan
// shows the key leaving the state (Terraform plans the configured map);
// the apply sends nothing for it, and later plans ignore it.
func warnCustomAttributesKept(ctx context.Context, plan, state contactModel) diag.Diagnostics {
	var planned, previous map[string]string
	diags := elementsOf(ctx, state.CustomAttributes, &previous)
	if plan.CustomAttributes.IsUnknown() || diags.HasError() {
		return diags
	}
	diags.Append(elementsOf(ctx, plan.CustomAttributes, &planned)...)
	var kept []string
	for key, value := range previous {
		if _, still := planned[key]; !still {
			kept = append(kept, fmt.Sprintf("%q = %q", key, value))
		}
	}
	if len(kept) == 0 {
		return diags
	}
	slices.Sort(kept)
	diags.AddAttributeWarning(path.Root("custom_attributes"), "LiveDesk keeps custom attributes removed from the configuration",
		fmt.Sprintf("Contact %s: LiveDesk has no way to remove a custom attribute, so %s stay in LiveDesk as they are. "+
			"This plan only stops Terraform from managing them; the apply sends no request for them. "+
			"Remove them in the LiveDesk console if they must go.", state.ID.ValueString(), strings.Join(kept, ", ")))
	return diags
}

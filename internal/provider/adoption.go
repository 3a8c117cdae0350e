package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
)

// Conversations and messages cannot be read back, so importing one only
// records its id. The first plan after the import then adopts the
// configuration: attributes that would otherwise force a new object are
// taken as they are configured, with an in-place update that sends
// nothing. A key in the resource's private state marks an object that has
// been imported and not yet adopted.

// adoptionKey is the private-state key of an imported, not yet adopted object.
const adoptionKey = "adopt_configuration"

// privateState is the framework's private resource state, as every
// request and response carries it.
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// startAdoption marks a freshly imported object.
func startAdoption(ctx context.Context, private privateState) diag.Diagnostics {
	return private.SetKey(ctx, adoptionKey, []byte(`true`))
}

// isAdopting reports whether the object was imported and has not yet
// adopted its configuration.
func isAdopting(ctx context.Context, private privateState) (bool, diag.Diagnostics) {
	value, diags := private.GetKey(ctx, adoptionKey)
	return len(value) > 0, diags
}

// endAdoption clears the mark once the configuration is in the state.
func endAdoption(ctx context.Context, private privateState) diag.Diagnostics {
	return private.SetKey(ctx, adoptionKey, nil)
}

// replaceUnlessAdopting is RequiresReplace for a string attribute, except
// while an imported object adopts its configuration.
func replaceUnlessAdopting() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		adopting, diags := isAdopting(ctx, req.Private)
		resp.Diagnostics.Append(diags...)
		resp.RequiresReplace = !adopting
	}, replaceDescription, replaceDescription)
}

// replaceBoolUnlessAdopting is replaceUnlessAdopting for a bool attribute.
func replaceBoolUnlessAdopting() planmodifier.Bool {
	return boolplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.BoolRequest, resp *boolplanmodifier.RequiresReplaceIfFuncResponse) {
		adopting, diags := isAdopting(ctx, req.Private)
		resp.Diagnostics.Append(diags...)
		resp.RequiresReplace = !adopting
	}, replaceDescription, replaceDescription)
}

// replaceDescription describes replaceUnlessAdopting.
const replaceDescription = "Changing it creates a new object, except on the first apply after an import, which adopts the configured value."

// replaceIfConfiguredUnlessAdopting is replaceUnlessAdopting for an
// optional and computed attribute: a value LiveDesk computed, and that the
// configuration does not set, never replaces.
func replaceIfConfiguredUnlessAdopting() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		adopting, diags := isAdopting(ctx, req.Private)
		resp.Diagnostics.Append(diags...)
		resp.RequiresReplace = !adopting && !req.ConfigValue.IsNull()
	}, replaceDescription, replaceDescription)
}

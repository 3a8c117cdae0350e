package provider

import (
	"context"
	"encoding/json"

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
// been imported and not yet adopted. A conversation imported together with
// the messages it already holds keeps their ids there too, in transcript
// order, until the apply that adopts them.

// adoptionKey is the private-state key of an imported, not yet adopted object.
const adoptionKey = "adopt_configuration"

// adoptionMark is the value kept under adoptionKey.
type adoptionMark struct {
	// Held are the ids of the messages an imported conversation already
	// holds, in transcript order: the first elements of messages adopt
	// them instead of being sent.
	Held []int64 `json:"held,omitempty"`
	// Entries are, for livedesk_conversations, the keys imported, each
	// with the ids of the messages its conversation already holds.
	Entries map[string][]int64 `json:"entries,omitempty"`
}

// privateState is the framework's private resource state, as every
// request and response carries it.
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// startAdoption marks a freshly imported object; held are the ids of the
// messages an imported conversation already holds (none for other objects).
func startAdoption(ctx context.Context, private privateState, held ...int64) diag.Diagnostics {
	return writeAdoption(ctx, private, adoptionMark{Held: held})
}

// startEntriesAdoption marks a freshly imported livedesk_conversations:
// entries are the keys imported with their held message ids.
func startEntriesAdoption(ctx context.Context, private privateState, entries map[string][]int64) diag.Diagnostics {
	return writeAdoption(ctx, private, adoptionMark{Entries: entries})
}

// writeAdoption keeps mark under adoptionKey.
func writeAdoption(ctx context.Context, private privateState, mark adoptionMark) diag.Diagnostics {
	value, err := json.Marshal(mark)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Cannot record the import", err.Error())
		return diags
	}
	return private.SetKey(ctx, adoptionKey, value)
}

// readAdoption returns the mark of an object imported and not yet adopted,
// or the zero mark.
func readAdoption(ctx context.Context, private privateState) (adoptionMark, diag.Diagnostics) {
	var mark adoptionMark
	value, diags := private.GetKey(ctx, adoptionKey)
	if len(value) == 0 || diags.HasError() {
		return mark, diags
	}
	// The mark of an earlier version does not parse: an import without messages.
	_ = json.Unmarshal(value, &mark)
	return mark, diags
}

// heldEntries returns, for an imported livedesk_conversations that has not
// yet adopted its configuration, the keys imported with the ids of the
// messages each one holds; nil otherwise.
func heldEntries(ctx context.Context, private privateState) (map[string][]int64, diag.Diagnostics) {
	mark, diags := readAdoption(ctx, private)
	return mark.Entries, diags
}

// isAdopting reports whether the object was imported and has not yet
// adopted its configuration.
func isAdopting(ctx context.Context, private privateState) (bool, diag.Diagnostics) {
	value, diags := private.GetKey(ctx, adoptionKey)
	return len(value) > 0, diags
}

// heldMessages returns, for an imported conversation that has not yet
// adopted its configuration, the ids of the messages it was imported with.
func heldMessages(ctx context.Context, private privateState) ([]int64, diag.Diagnostics) {
	mark, diags := readAdoption(ctx, private)
	return mark.Held, diags
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

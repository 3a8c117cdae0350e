package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
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

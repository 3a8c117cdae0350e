package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
)

// TestProviderSchemaMarksCredentialsSensitive checks that Terraform is told
// to hide api_key and api_secret in plans, state views and logs, and that
// no other provider setting is needlessly hidden.
func TestProviderSchemaMarksCredentialsSensitive(t *testing.T) {
	t.Parallel()
	var resp provider.SchemaResponse
	New("test")().Schema(context.Background(), provider.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("schema: %v", resp.Diagnostics)
	}
	want := map[string]bool{"api_key": true, "api_secret": true, "base_url": false, "max_retries": false, "request_timeout": false}
	for name, attr := range resp.Schema.Attributes {
		sensitive, known := want[name]
		switch {
		case !known:
			t.Errorf("provider attribute %s is not covered by this test: decide whether it is sensitive", name)
		case attr.IsSensitive() != sensitive:
			t.Errorf("provider attribute %s: sensitive = %v, want %v", name, attr.IsSensitive(), sensitive)
		}
	}
	for name := range want {
		if _, ok := resp.Schema.Attributes[name]; !ok {
			t.Errorf("the provider schema has no attribute %s", name)
		}
	}
}

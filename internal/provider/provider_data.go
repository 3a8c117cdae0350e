package provider

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// providerData is what Configure hands to every resource and data source:
// one client, so that all of them share one connection pool.
type providerData struct {
	client *livedesk.Client
	// requestTimeout is named in timeout errors so users know what to raise.
	requestTimeout time.Duration
	// masked are credentials removed from every error shown, in case the
	// API ever echoes them.
	masked []string
}

// providerDataFrom converts the framework's opaque provider data. It returns
// nil without error before the provider is configured (during validation).
func providerDataFrom(raw any) (*providerData, diag.Diagnostics) {
	var diags diag.Diagnostics
	if raw == nil {
		return nil, diags
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", raw))
	}
	return data, diags
}

package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// providerData is what Configure hands to every resource and data source:
// one client, so that all of them share one connection pool.
type providerData struct {
	client *livedesk.Client
	// baseURLPath is the path base_url carries, if any: the likely cause
	// of a 404.
	baseURLPath string
	// masked are credentials removed from every error shown, in case the
	// API ever echoes them.
	masked []string
	// claims are the conversations this provider created (see
	// conversation.Claims).
	claims conversation.Claims
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

// resourceConfigurer is embedded by every resource: its Configure keeps
// the provider's data.
type resourceConfigurer struct {
	data *providerData
}

// Configure keeps the provider's data. It stays nil while Terraform only
// validates the configuration, so ValidateConfig methods must not use it.
func (c *resourceConfigurer) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	data, diags := providerDataFrom(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	c.data = data
}

// dataSourceConfigurer is embedded by every data source: its Configure
// keeps the provider's data.
type dataSourceConfigurer struct {
	data *providerData
}

// Configure keeps the provider's data. It stays nil while Terraform only
// validates the configuration, so ValidateConfig methods must not use it.
func (c *dataSourceConfigurer) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	data, diags := providerDataFrom(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	c.data = data
}

// actionConfigurer is embedded by every action: its Configure keeps the
// provider's data.
type actionConfigurer struct {
	data *providerData
}

// Configure keeps the provider's data. It stays nil while Terraform only
// validates the configuration, so ValidateConfig methods must not use it.
func (c *actionConfigurer) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	data, diags := providerDataFrom(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	c.data = data
}

// idFromState parses the id a resource stored. An id that does not parse
// means the state was edited by hand.
func idFromState(typeName string, id idValue) (int64, diag.Diagnostics) {
	var diags diag.Diagnostics
	n, err := parseID(id.ValueString())
	if err != nil {
		diags.AddError("Corrupt "+typeName+" state", err.Error()+" Remove the resource from the state (terraform state rm) and import or create it again.")
	}
	return n, diags
}

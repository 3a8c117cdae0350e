// Package provider implements the livedesk Terraform provider with
// terraform-plugin-framework.
package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// Environment variables read when the provider block leaves a setting out.
const (
	EnvAPIKey    = "LIVEDESK_API_KEY"
	EnvAPISecret = "LIVEDESK_API_SECRET"
	EnvBaseURL   = "LIVEDESK_BASE_URL"
)

// defaultRequestTimeout is request_timeout when the configuration omits it.
const defaultRequestTimeout = "30s"

var (
	_ provider.Provider                  = (*LiveDeskProvider)(nil)
	_ provider.ProviderWithActions       = (*LiveDeskProvider)(nil)
	_ provider.ProviderWithListResources = (*LiveDeskProvider)(nil)
)

// LiveDeskProvider is the livedesk provider. It holds only its version,
// which Metadata reports and the client's User-Agent carries; Configure
// hands the client it builds to the resources and data sources.
type LiveDeskProvider struct {
	version string
	// configured receives the data Configure builds, for the servers
	// outside the framework (see NewServer); nil when there are none.
	configured *configured
}

// providerModel is the provider block.
type providerModel struct {
	APIKey         types.String `tfsdk:"api_key"`
	APISecret      types.String `tfsdk:"api_secret"`
	BaseURL        types.String `tfsdk:"base_url"`
	MaxRetries     types.Number `tfsdk:"max_retries"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
}

// New returns a factory for the provider at the given version, as
// providerserver.Serve (main.go, with the version set at build time) and
// the acceptance tests' provider factories take it.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &LiveDeskProvider{version: version}
	}
}

// Metadata sets the type name "livedesk".
func (p *LiveDeskProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "livedesk"
	resp.Version = p.version
}

// Schema describes the provider block.
func (p *LiveDeskProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Seeds and manages EngageLab LiveDesk contacts, conversations with their transcripts, messages and tickets.",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("LiveDesk API Key (Project Settings → API Management). Falls back to `%s`.", EnvAPIKey),
				Optional:            true,
				Sensitive:           true,
				Validators:          []validator.String{notEmptySetting("api_key", EnvAPIKey)},
			},
			"api_secret": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("LiveDesk API Secret, sent with the key as HTTP Basic credentials. Falls back to `%s`.", EnvAPISecret),
				Optional:            true,
				Sensitive:           true,
				Validators:          []validator.String{notEmptySetting("api_secret", EnvAPISecret)},
			},
			"base_url": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("API base URL, an http(s) URL: a scheme, a host and at most a path (no credentials, query or fragment). "+
					"Falls back to `%s`, then to `%s`.", EnvBaseURL, livedesk.DefaultBaseURL),
				Optional:   true,
				Validators: []validator.String{httpURL()},
			},
			"max_retries": schema.NumberAttribute{
				MarkdownDescription: fmt.Sprintf("How many times a request is retried after a rate limit (429), a server error or a connection failure, "+
					"a whole number from 0 to %d. Creates are retried only when the server provably did not act on them. Defaults to %d.",
					maxMaxRetries, livedesk.DefaultMaxRetries),
				Optional:   true,
				Validators: []validator.Number{retryCount{}},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("How long one request may take, as a duration from `%s` to `%s` such as `30s` or `2m`. Defaults to `%s`.",
					minRequestTimeout, formatDuration(maxRequestTimeout), defaultRequestTimeout),
				Optional:   true,
				Validators: []validator.String{requestTimeout()},
			},
		},
	}
}

// Configure builds the API client from the provider block and the
// environment. It sends no request.
//
// Settings that depend on a resource not yet applied are unknown while
// Terraform plans. Resources plan without the API, so that is no error:
// the resources and data sources then get a client that sends nothing and
// answers every call with an error naming the unknown settings (a data
// source read, or a contact or ticket refreshed or imported while
// planning). By apply time the
// values are known and Terraform configures the provider again.
func (p *LiveDeskProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	settings, diags := resolveSettings(cfg, lookupEnv)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if len(settings.unknown) > 0 {
		data := &providerData{client: livedesk.NewUnavailable(unknownSettingsError{attrs: settings.unknown})}
		p.configured.set(data)
		resp.ResourceData = data
		resp.DataSourceData = data
		return
	}
	masked := livedesk.Secrets(settings.apiKey, settings.apiSecret)
	client, err := livedesk.New(livedesk.Config{
		BaseURL:    settings.baseURL,
		APIKey:     settings.apiKey,
		APISecret:  settings.apiSecret,
		UserAgent:  fmt.Sprintf("terraform-provider-livedesk/%s Terraform/%s", p.version, req.TerraformVersion),
		MaxRetries: settings.maxRetries,
		Timeout:    settings.requestTimeout,
		Logger:     newTFLogger(masked, providerLogLevel()),
	})
	if err != nil {
		resp.Diagnostics.AddError("Cannot configure the LiveDesk client", err.Error())
		return
	}
	data := &providerData{client: client, masked: masked, baseURLPath: baseURLPath(settings.baseURL)}
	p.configured.set(data)
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ActionData = data
	resp.ListResourceData = data
}

// Resources lists the managed resources served by the framework; the
// provider also serves livedesk_conversations, outside the framework (see
// NewServer).
func (p *LiveDeskProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewConversationResource,
		NewMessageResource,
		NewContactResource,
		NewTicketResource,
	}
}

// DataSources lists the data sources.
func (p *LiveDeskProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewContactDataSource,
		NewContactsDataSource,
		NewTicketDataSource,
	}
}

// Actions lists the actions (Terraform 1.14+).
func (p *LiveDeskProvider) Actions(context.Context) []func() action.Action {
	return []func() action.Action{
		NewSendMessageAction,
		NewSetConversationStatusAction,
	}
}

// ListResources lists the list resources for terraform query (Terraform 1.14+).
func (p *LiveDeskProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewContactListResource,
	}
}

package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// defaultMaxContacts is max_results when the configuration omits it.
const defaultMaxContacts = 100

var (
	_ datasource.DataSource              = (*contactsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*contactsDataSource)(nil)
)

// contactsDataSource lists contacts: data.livedesk_contacts.
type contactsDataSource struct {
	dataSourceConfigurer
}

// contactsDataModel is data.livedesk_contacts.
type contactsDataModel struct {
	Query      types.String `tfsdk:"query"`
	Labels     types.List   `tfsdk:"labels"`
	Sort       types.String `tfsdk:"sort"`
	Direction  types.String `tfsdk:"direction"`
	MaxResults types.Int64  `tfsdk:"max_results"`
	Contacts   types.List   `tfsdk:"contacts"`
}

// NewContactsDataSource returns the livedesk_contacts data source.
func NewContactsDataSource() datasource.DataSource {
	return &contactsDataSource{}
}

// Metadata sets the type name livedesk_contacts.
func (d *contactsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_contacts"
}

// Schema describes data.livedesk_contacts.
func (d *contactsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists or searches LiveDesk contacts (`GET /api/v2/accounts/contacts`), walking the pages (15 contacts each) " +
			"until `max_results` contacts are found, with a warning when more contacts match than `max_results`.\n\n" +
			"Without `query`, LiveDesk lists only contacts that have an email, a phone number or an identifier; a search with `query` " +
			"finds the others too. Every page is requested in an explicit order (by default oldest first, `created_at`), because " +
			"LiveDesk pages an unordered list without a stable order, which could skip or repeat contacts between pages.",
		Attributes: map[string]schema.Attribute{
			"query": schema.StringAttribute{
				MarkdownDescription: "Search text, matched as a substring of name, email, phone number and identifier. Lists every contact when not set.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"labels": schema.ListAttribute{
				MarkdownDescription: "Keep contacts that have any of these labels.",
				ElementType:         types.StringType,
				Optional:            true,
			},
			"sort": schema.StringAttribute{
				MarkdownDescription: "Sort key: `email`, `name`, `phone_number`, `last_activity_at`, `created_at`, `company_name`, `city` or `country`. " +
					"Defaults to `created_at`. Contacts without a value for the key (no email, say) come last, except that without an " +
					"email or phone number they come first in `desc` order, as the server's database sorts them.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(livedesk.ContactSortFields...)},
			},
			"direction": schema.StringAttribute{
				MarkdownDescription: "Sort direction: `asc` (the default) or `desc`, sent as LiveDesk's `sort=-<key>`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf("asc", "desc")},
			},
			"max_results": schema.Int64Attribute{
				MarkdownDescription: "The most contacts to return. Defaults to 100.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(1, 10000)},
			},
			"contacts": schema.ListNestedAttribute{
				MarkdownDescription: "The contacts, in the order LiveDesk returned them.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: contactAttributes()},
			},
		},
	}
}

// Read walks the list or search in the configured order. It asks Find for
// one contact more than max_results, so that it can warn when the limit cut
// the list short.
func (d *contactsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg contactsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	opts := livedesk.ListContactsOptions{Query: cfg.Query.ValueString(), Sort: cfg.Sort.ValueString(), Descending: cfg.Direction.ValueString() == "desc"}
	if !cfg.Labels.IsNull() {
		resp.Diagnostics.Append(cfg.Labels.ElementsAs(ctx, &opts.Labels, false)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	limit := defaultMaxContacts
	if !cfg.MaxResults.IsNull() {
		limit = int(cfg.MaxResults.ValueInt64())
	}
	// One more than the limit tells whether the limit cut the list short.
	found, err := d.data.client.Contacts.Find(ctx, opts, limit+1, nil)
	if err != nil {
		resp.Diagnostics.AddError("Cannot list LiveDesk contacts", d.data.explain(err))
		return
	}
	if len(found) > limit {
		found = found[:limit]
		resp.Diagnostics.AddAttributeWarning(path.Root("max_results"), "More LiveDesk contacts match than max_results",
			fmt.Sprintf("Only the first %d contacts are returned; more match. Raise max_results (up to 10000), or narrow the list with query or labels.", limit))
	}
	contacts := make([]contactDataModel, 0, len(found))
	for _, c := range found {
		m, diags := contactData(ctx, c)
		resp.Diagnostics.Append(diags...)
		contacts = append(contacts, m)
	}
	list, diags := types.ListValueFrom(ctx, contactObjectType, contacts)
	resp.Diagnostics.Append(diags...)
	cfg.Contacts = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

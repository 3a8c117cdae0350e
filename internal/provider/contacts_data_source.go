package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
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
	contactFilter
	MaxResults types.Int64 `tfsdk:"max_results"`
	Contacts   types.List  `tfsdk:"contacts"`
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
	attrs := contactFilterAttributes(
		func(description string, validators ...validator.String) schema.Attribute {
			return schema.StringAttribute{MarkdownDescription: description, Optional: true, Validators: validators}
		},
		func(description string) schema.Attribute {
			return schema.ListAttribute{MarkdownDescription: description, ElementType: types.StringType, Optional: true}
		})
	attrs["max_results"] = schema.Int64Attribute{
		MarkdownDescription: "The most contacts to return. Defaults to 100.",
		Optional:            true,
		Validators:          []validator.Int64{int64validator.Between(1, 10000)},
	}
	attrs["contacts"] = schema.ListNestedAttribute{
		MarkdownDescription: "The contacts, in the order LiveDesk returned them.",
		Computed:            true,
		NestedObject:        schema.NestedAttributeObject{Attributes: contactAttributes()},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The contacts a search or the contact list finds, up to `max_results`.",
		Attributes:          attrs,
	}
}

// Read walks the list or search in the configured order, and warns when
// max_results cut it short.
func (d *contactsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg contactsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	limit := defaultMaxContacts
	if !cfg.MaxResults.IsNull() {
		limit = int(cfg.MaxResults.ValueInt64())
	}
	found, more, diags := cfg.find(ctx, d.data, limit)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if more {
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

package provider

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

var (
	_ datasource.DataSource                     = (*contactDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*contactDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*contactDataSource)(nil)
)

// contactDataSource reads one contact: data.livedesk_contact.
type contactDataSource struct {
	dataSourceConfigurer
}

// NewContactDataSource returns the livedesk_contact data source.
func NewContactDataSource() datasource.DataSource {
	return &contactDataSource{}
}

// Metadata sets the type name livedesk_contact.
func (d *contactDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_contact"
}

// Schema describes data.livedesk_contact.
func (d *contactDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	lookup := func(description string, validators ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: description + " Exactly one of `id`, `identifier`, `email` and `phone_number` is required.",
			Optional:            true,
			Computed:            true,
			Validators:          append([]validator.String{stringvalidator.LengthAtLeast(1)}, validators...),
		}
	}
	attributes := contactAttributes()
	attributes["id"] = lookup("The contact id.", stringvalidator.RegexMatches(conversation.IDPattern, `must be a positive whole number such as "407"`))
	attributes["identifier"] = lookup("Your own id for the contact.")
	attributes["email"] = lookup("Email address, compared case-insensitively.")
	attributes["phone_number"] = lookup("Phone number.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "One contact, found by id, identifier, email or phone number.",
		Attributes:          attributes,
	}
}

// ConfigValidators requires exactly one lookup key.
func (d *contactDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(
		path.MatchRoot("id"), path.MatchRoot("identifier"), path.MatchRoot("email"), path.MatchRoot("phone_number"),
	)}
}

// Read searches for the contact and requires exactly one exact match.
func (d *contactDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg contactDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	key := lookupKey(cfg)
	matches, err := d.find(ctx, key)
	if err != nil {
		resp.Diagnostics.AddError("Cannot search LiveDesk contacts", d.data.explain(err))
		return
	}
	switch len(matches) {
	case 0:
		resp.Diagnostics.AddAttributeError(path.Root(key.attr), "No such LiveDesk contact", fmt.Sprintf("No contact has %s %q.", key.attr, key.value))
		return
	case 1:
	default:
		resp.Diagnostics.AddAttributeError(path.Root(key.attr), "Several LiveDesk contacts match",
			fmt.Sprintf("%d contacts have %s %q (ids %s). Look the contact up by id, identifier or email instead.", len(matches), key.attr, key.value, contactIDs(matches)))
		return
	}
	state, diags := contactData(ctx, matches[0])
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// find returns the contacts that match key exactly, at most a few: enough to
// tell one match from several. An id is searched as the query (a numeric
// query matches ids) and, failing that, found by walking the whole list.
func (d *contactDataSource) find(ctx context.Context, key contactKey) ([]livedesk.Contact, error) {
	const enough = 5
	if key.attr != "id" {
		return d.data.client.Contacts.Find(ctx, livedesk.ListContactsOptions{Query: key.value}, enough, exactMatch(key.attr, key.value))
	}
	id, err := parseID(key.value)
	if err != nil {
		return nil, err
	}
	contact, err := findContactByID(ctx, d.data.client, id, []contactKey{key})
	if err != nil || contact == nil {
		return nil, err
	}
	return []livedesk.Contact{*contact}, nil
}

func contactIDs(contacts []livedesk.Contact) string {
	ids := ""
	for i, c := range contacts {
		if i > 0 {
			ids += ", "
		}
		ids += strconv.FormatInt(int64(c.ID), 10)
	}
	return ids
}

// lookupKey returns the one lookup attribute the configuration sets.
func lookupKey(cfg contactDataModel) contactKey {
	if keys := searchKeys(contactModel{Identifier: cfg.Identifier, Email: emailValue{StringValue: cfg.Email}, PhoneNumber: cfg.PhoneNumber}); len(keys) > 0 {
		return keys[0]
	}
	return contactKey{"id", cfg.ID.ValueString()}
}

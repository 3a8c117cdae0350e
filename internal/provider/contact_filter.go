package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// contactFilter is how data.livedesk_contacts and the livedesk_contact
// list resource choose and order contacts: the same arguments, the same
// requests.
type contactFilter struct {
	Query     types.String `tfsdk:"query"`
	Labels    types.List   `tfsdk:"labels"`
	Sort      types.String `tfsdk:"sort"`
	Direction types.String `tfsdk:"direction"`
}

// contactFilterAttributes builds the filter's schema attributes with the
// constructors of one schema package (data source or list resource):
// str for an optional string with validators, list for an optional list
// of strings.
func contactFilterAttributes[A any](str func(description string, validators ...validator.String) A, list func(description string) A) map[string]A {
	return map[string]A{
		"query": str("Search text, matched as a substring of name, email, phone number and identifier. Lists every contact when not set.",
			stringvalidator.LengthAtLeast(1)),
		"labels": list("Keep contacts that have any of these labels."),
		"sort": str("Sort key: `email`, `name`, `phone_number`, `last_activity_at`, `created_at`, `company_name`, `city` or `country`. "+
			"Defaults to `created_at`. Contacts without a value for the key (no email, say) come last, except that without an "+
			"email or phone number they come first in `desc` order, as the server's database sorts them.",
			stringvalidator.OneOf(livedesk.ContactSortFields...)),
		"direction": str("Sort direction: `asc` (the default) or `desc`, sent as LiveDesk's `sort=-<key>`.",
			stringvalidator.OneOf("asc", "desc")),
	}
}

// find walks the list or search, in the filter's order, for at most limit
// contacts. It asks for one more, so that more reports whether the limit
// cut the list short.
func (f contactFilter) find(ctx context.Context, d *providerData, limit int) (contacts []livedesk.Contact, more bool, diags diag.Diagnostics) {
	opts := livedesk.ListContactsOptions{Query: f.Query.ValueString(), Sort: f.Sort.ValueString(), Descending: f.Direction.ValueString() == "desc"}
	if !f.Labels.IsNull() {
		diags.Append(f.Labels.ElementsAs(ctx, &opts.Labels, false)...)
	}
	if diags.HasError() {
		return nil, false, diags
	}
	found, err := d.client.Contacts.Find(ctx, opts, limit+1, nil)
	if err != nil {
		return nil, false, append(diags, diag.NewErrorDiagnostic("Cannot list LiveDesk contacts", d.explain(err)))
	}
	if len(found) > limit {
		return found[:limit], true, diags
	}
	return found, false, diags
}

package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

var (
	_ list.ListResource              = (*contactListResource)(nil)
	_ list.ListResourceWithConfigure = (*contactListResource)(nil)
)

// contactListResource lists contacts for terraform query (Terraform 1.14+):
// list "livedesk_contact" blocks, with the filters of data.livedesk_contacts.
type contactListResource struct {
	resourceConfigurer
}

// NewContactListResource returns the livedesk_contact list resource.
func NewContactListResource() list.ListResource {
	return &contactListResource{}
}

// Metadata sets the type name livedesk_contact, the resource it lists.
func (r *contactListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_contact"
}

// ListResourceConfigSchema describes the arguments of a list "livedesk_contact" block.
func (r *contactListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists contacts for `terraform query` (Terraform 1.14 or later), which can write the configuration that imports them.",
		Attributes: contactFilterAttributes(
			func(description string, validators ...validator.String) schema.Attribute {
				return schema.StringAttribute{MarkdownDescription: description, Optional: true, Validators: validators}
			},
			func(description string) schema.Attribute {
				return schema.ListAttribute{MarkdownDescription: description, ElementType: types.StringType, Optional: true}
			}),
	}
}

// List walks the contacts that match the filters, up to the request's
// limit, and streams one result per contact.
func (r *contactListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var filter contactFilter
	diags := req.Config.Get(ctx, &filter)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	limit := int(req.Limit)
	if limit <= 0 {
		limit = defaultMaxContacts
	}
	found, more, diags := filter.find(ctx, r.data, limit)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		for i := range found {
			if !push(r.result(ctx, req, &found[i])) {
				return
			}
		}
		if more {
			var warning diag.Diagnostics
			warning.AddWarning("More LiveDesk contacts match than the limit",
				fmt.Sprintf("Only the first %d contacts are listed; more match. Raise limit in the list block, or narrow the list with query or labels.", limit))
			push(list.ListResult{Diagnostics: warning})
		}
	}
}

// result is one listed contact: its identity, a display name and, when
// asked for, the resource as an import records it.
func (r *contactListResource) result(ctx context.Context, req list.ListRequest, contact *livedesk.Contact) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = contactDisplayName(contact)
	result.Diagnostics.Append(result.Identity.SetAttribute(ctx, path.Root("id"), types.StringValue(formatID(int64(contact.ID))))...)
	if req.IncludeResource {
		state, diags := importedContactModel(ctx, contact)
		result.Diagnostics.Append(diags...)
		result.Diagnostics.Append(result.Resource.Set(ctx, &state)...)
	}
	return result
}

// contactDisplayName names a contact in query results: its name, with its
// email or identifier when it has one, or its id when it has neither.
func contactDisplayName(c *livedesk.Contact) string {
	key := c.Email
	if key == "" {
		key = c.Identifier
	}
	switch {
	case c.Name != "" && key != "":
		return fmt.Sprintf("%s <%s>", c.Name, key)
	case strings.TrimSpace(c.Name+key) != "":
		return c.Name + key
	default:
		return fmt.Sprintf("contact %d", c.ID)
	}
}

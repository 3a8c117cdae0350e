package provider

import (
	"context"
	"fmt"
	"strings"
	"unicode"

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
		// The warning goes first: Terraform stops reading the stream once
		// it holds limit results, so a warning after them never arrives.
		if more {
			var warning diag.Diagnostics
			warning.AddWarning("More LiveDesk contacts match than the limit",
				fmt.Sprintf("Only the first %d contacts are listed; more match. Raise limit in the list block, or narrow the list with query or labels.", limit))
			if !push(list.ListResult{Diagnostics: warning}) {
				return
			}
		}
		for i := range found {
			if !push(r.result(ctx, req, &found[i])) {
				return
			}
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
// Terraform prints it as it is, so it is made safe to print (see
// displayText): a name cannot forge a result line or drive the terminal.
func contactDisplayName(c *livedesk.Contact) string {
	name, key := displayText(c.Name), displayText(c.Email)
	if key == "" {
		key = displayText(c.Identifier)
	}
	switch {
	case name != "" && key != "":
		return fmt.Sprintf("%s <%s>", name, key)
	case name+key != "":
		return name + key
	default:
		return fmt.Sprintf("contact %d", c.ID)
	}
}

// displayText makes text from LiveDesk safe to print on one line of a
// terminal: line breaks, tabs and other white space become one space,
// other control characters (the escape that starts a terminal sequence,
// C1 controls such as CSI) become U+FFFD REPLACEMENT CHARACTER, and
// bidirectional controls (overrides, embeddings, isolates and marks),
// which would reorder the rest of the line, are dropped. The result has no
// white space at either end.
func displayText(text string) string {
	var b strings.Builder
	space := false
	for _, r := range text {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.Is(unicode.Bidi_Control, r):
			continue
		case unicode.IsControl(r):
			r = unicode.ReplacementChar
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

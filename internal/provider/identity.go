package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Every resource declares a resource identity (Terraform 1.12+): the ids
// that name its object in LiveDesk, so that an import block can name it
// by `identity = { ... }` and `terraform query` results can name what
// they found. Each identity attribute is also a state attribute of the
// same name, and the identity's values joined by "/" are the resource's
// import id, so that both ways of importing take the same path.

var (
	_ resource.ResourceWithIdentity = (*contactResource)(nil)
	_ resource.ResourceWithIdentity = (*conversationResource)(nil)
	_ resource.ResourceWithIdentity = (*messageResource)(nil)
	_ resource.ResourceWithIdentity = (*ticketResource)(nil)
)

// identityAttribute is one attribute of a resource identity.
type identityAttribute struct {
	// name is both the identity attribute and the state attribute.
	name        string
	description string
}

// resourceIdentity is a resource's identity: its attributes, in import-id
// order.
type resourceIdentity []identityAttribute

// The identities of the resources.
var (
	contactIdentity      = resourceIdentity{{"id", "The contact id, as LiveDesk shows it (such as `2219259`)."}}
	conversationIdentity = resourceIdentity{{"id", "The conversation id, as LiveDesk shows it (such as `407`). The messages a conversation already holds are not part of its identity."}}
	messageIdentity      = resourceIdentity{
		{"conversation_id", "The id of the conversation that holds the message."},
		{"id", "The message id."},
	}
	ticketIdentity = resourceIdentity{{"id", "The ticket id (such as `tk_20251104_789abc`)."}}
)

// schema is the identity schema. Every attribute is required for an
// import: LiveDesk cannot find an object by anything less.
func (ri resourceIdentity) schema() identityschema.Schema {
	attrs := make(map[string]identityschema.Attribute, len(ri))
	for _, a := range ri {
		attrs[a.name] = identityschema.StringAttribute{Description: a.description, RequiredForImport: true}
	}
	return identityschema.Schema{Attributes: attrs}
}

// record sets the identity from the state's attributes of the same names.
// A nil identity (no identity support in the request) is left alone.
func (ri resourceIdentity) record(ctx context.Context, state tfsdk.State, identity *tfsdk.ResourceIdentity) diag.Diagnostics {
	var diags diag.Diagnostics
	if identity == nil || state.Raw.IsNull() {
		return diags
	}
	for _, a := range ri {
		var value *string
		diags.Append(state.GetAttribute(ctx, path.Root(a.name), &value)...)
		diags.Append(identity.SetAttribute(ctx, path.Root(a.name), types.StringPointerValue(value))...)
	}
	return diags
}

// fillImportID sets req.ID from the identity of an import block that names
// the object by identity rather than by id, so that ImportState handles
// both alike.
func (ri resourceIdentity) fillImportID(ctx context.Context, req *resource.ImportStateRequest) diag.Diagnostics {
	var diags diag.Diagnostics
	if req.ID != "" || req.Identity == nil {
		return diags
	}
	parts := make([]string, 0, len(ri))
	for _, a := range ri {
		var value *string
		diags.Append(req.Identity.GetAttribute(ctx, path.Root(a.name), &value)...)
		if value != nil {
			parts = append(parts, *value)
		}
	}
	req.ID = strings.Join(parts, "/")
	return diags
}

// IdentitySchema declares the contact's identity: its id.
func (r *contactResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = contactIdentity.schema()
}

// IdentitySchema declares the conversation's identity: its id.
func (r *conversationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = conversationIdentity.schema()
}

// IdentitySchema declares the message's identity: its conversation and its id.
func (r *messageResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = messageIdentity.schema()
}

// IdentitySchema declares the ticket's identity: its id.
func (r *ticketResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = ticketIdentity.schema()
}

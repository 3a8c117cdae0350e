package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// contactDataModel is a contact as the data sources show it: the whole of
// data.livedesk_contact, and one element of data.livedesk_contacts.
type contactDataModel struct {
	ID               types.String `tfsdk:"id"`
	Identifier       types.String `tfsdk:"identifier"`
	Email            types.String `tfsdk:"email"`
	PhoneNumber      types.String `tfsdk:"phone_number"`
	Name             types.String `tfsdk:"name"`
	Thumbnail        types.String `tfsdk:"thumbnail"`
	Blocked          types.Bool   `tfsdk:"blocked"`
	CustomAttributes types.Map    `tfsdk:"custom_attributes"`
	ContactInboxes   types.List   `tfsdk:"contact_inboxes"`
	CreatedAt        types.Int64  `tfsdk:"created_at"`
}

// contactInboxModel is one element of contact_inboxes.
type contactInboxModel struct {
	InboxID  types.String `tfsdk:"inbox_id"`
	SourceID types.String `tfsdk:"source_id"`
}

var contactInboxType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"inbox_id":  types.StringType,
	"source_id": types.StringType,
}}

// contactObjectType is the object type of contactDataModel.
var contactObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id":                types.StringType,
	"identifier":        types.StringType,
	"email":             types.StringType,
	"phone_number":      types.StringType,
	"name":              types.StringType,
	"thumbnail":         types.StringType,
	"blocked":           types.BoolType,
	"custom_attributes": types.MapType{ElemType: types.StringType},
	"contact_inboxes":   types.ListType{ElemType: contactInboxType},
	"created_at":        types.Int64Type,
}}

// contactAttributes is the read-only schema of contactDataModel.
func contactAttributes() map[string]schema.Attribute {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	return map[string]schema.Attribute{
		"id":           computed("The contact id."),
		"identifier":   computed("Your own id for the contact, or null."),
		"email":        computed("Email address (lower-case), or null."),
		"phone_number": computed("Phone number, or null."),
		"name":         computed("The contact's name."),
		"thumbnail":    computed("Avatar URL LiveDesk shows, or empty."),
		"blocked":      schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the contact is blocked."},
		"custom_attributes": schema.MapAttribute{
			Computed: true, ElementType: types.StringType, MarkdownDescription: "Custom attributes (numbers and booleans as text).",
		},
		"contact_inboxes": schema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "The inboxes the contact is in, with its source id in each.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"inbox_id":  computed("Inbox id."),
				"source_id": computed("The contact's source id in that inbox; a conversation can name the contact by it."),
			}},
		},
		"created_at": schema.Int64Attribute{Computed: true, MarkdownDescription: "When the contact was created, in unix seconds."},
	}
}

// contactData converts an API contact for either data source: an
// identifier, email or phone number LiveDesk holds as "" is null, while
// name and thumbnail are kept as sent, "" included.
func contactData(ctx context.Context, c livedesk.Contact) (contactDataModel, diag.Diagnostics) {
	inboxes := make([]contactInboxModel, 0, len(c.ContactInboxes))
	for _, ci := range c.ContactInboxes {
		inboxID := types.StringNull()
		if ci.Inbox != nil {
			inboxID = types.StringValue(strconv.FormatInt(int64(ci.Inbox.ID), 10))
		}
		inboxes = append(inboxes, contactInboxModel{InboxID: inboxID, SourceID: types.StringValue(ci.SourceID)})
	}
	inboxList, diags := types.ListValueFrom(ctx, contactInboxType, inboxes)
	attrs, attrDiags := types.MapValueFrom(ctx, types.StringType, map[string]string(c.CustomAttributes))
	diags.Append(attrDiags...)
	return contactDataModel{
		ID:               types.StringValue(strconv.FormatInt(int64(c.ID), 10)),
		Identifier:       optionalString(c.Identifier),
		Email:            optionalString(c.Email),
		PhoneNumber:      optionalString(c.PhoneNumber),
		Name:             types.StringValue(c.Name),
		Thumbnail:        types.StringValue(c.Thumbnail),
		Blocked:          types.BoolValue(c.Blocked),
		CustomAttributes: attrs,
		ContactInboxes:   inboxList,
		CreatedAt:        types.Int64Value(c.CreatedAt.Unix()),
	}, diags
}

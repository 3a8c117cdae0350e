package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// defaultMaxParallel is how many conversations livedesk_conversations
// seeds at once unless max_parallel says otherwise: enough to keep the
// API's latency from adding up, few enough that a project's requests stay
// within a rate limit the client waits out (429 with Retry-After).
const defaultMaxParallel = 8

// conversationsModel is the livedesk_conversations state.
type conversationsModel struct {
	ID               types.String `tfsdk:"id"`
	InboxID          idValue      `tfsdk:"inbox_id"`
	MaxParallel      types.Int64  `tfsdk:"max_parallel"`
	ResolveOnDestroy types.Bool   `tfsdk:"resolve_on_destroy"`
	Conversations    types.Map    `tfsdk:"conversations"`
}

// conversationsEntry is one conversation of livedesk_conversations, under
// the key the user chose. The state records exactly what LiveDesk holds:
// an entry whose conversation could not be created has a null id, and its
// messages are those sent.
type conversationsEntry struct {
	ContactID    idValue        `tfsdk:"contact_id"`
	SourceID     types.String   `tfsdk:"source_id"`
	Contact      *inlineContact `tfsdk:"contact"`
	Status       types.String   `tfsdk:"status"`
	SnoozedUntil types.String   `tfsdk:"snoozed_until"`
	Messages     types.List     `tfsdk:"messages"`
	ID           idValue        `tfsdk:"id"`
	UUID         types.String   `tfsdk:"uuid"`
	CreatedAt    types.Int64    `tfsdk:"created_at"`
}

// inlineContact is an entry's contact, created in the inbox before its
// conversation.
type inlineContact struct {
	Name             types.String `tfsdk:"name"`
	Email            emailValue   `tfsdk:"email"`
	PhoneNumber      types.String `tfsdk:"phone_number"`
	Identifier       types.String `tfsdk:"identifier"`
	CustomAttributes types.Map    `tfsdk:"custom_attributes"`
	ID               idValue      `tfsdk:"id"`
	SourceID         types.String `tfsdk:"source_id"`
}

// contactModel is the inline contact as livedesk_contact's model, so that
// both share the contact's request and refresh code.
func (c *inlineContact) contactModel(inboxID idValue) contactModel {
	return contactModel{ID: c.ID, InboxID: inboxID, Name: c.Name, Email: c.Email, PhoneNumber: c.PhoneNumber, AvatarURL: types.StringNull(),
		Identifier: c.Identifier, CustomAttributes: c.CustomAttributes, SourceID: c.SourceID, CreatedAt: types.Int64Null()}
}

// refreshFrom copies what refreshContact left in m back into c.
func (c *inlineContact) refreshFrom(m contactModel) {
	c.Name, c.Email, c.PhoneNumber, c.Identifier, c.CustomAttributes, c.SourceID = m.Name, m.Email, m.PhoneNumber, m.Identifier, m.CustomAttributes, m.SourceID
}

// conversationsEntryObject is the nested object of conversations.
func conversationsEntryObject() schema.NestedAttributeObject {
	text := func(description string, validators ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Optional: true,
			Validators: append([]validator.String{stringvalidator.LengthAtLeast(1)}, validators...)}
	}
	email := text("Email address, unique in the project (compared case-insensitively).", emailFormat())
	email.CustomType = emailType
	contact := schema.SingleNestedAttribute{
		MarkdownDescription: "A contact created in the inbox before the conversation, instead of `contact_id` or `source_id`. Changes are sent in place " +
			"(`PATCH`); removing the entry forgets the contact, which stays in LiveDesk. An existing contact with the same `email`, `identifier` " +
			"or `phone_number` is an error: name it with `contact_id` instead.",
		Optional: true,
		Attributes: map[string]schema.Attribute{
			"name":         text("The contact's name."),
			"email":        email,
			"phone_number": text("Phone number in E.164 format, such as `+6591234567`.", phoneFormat()),
			"identifier":   text("Your own id for the contact, unique in the project."),
			"custom_attributes": schema.MapAttribute{
				MarkdownDescription: "Custom attributes; as for `livedesk_contact`, a key removed from the configuration stays in LiveDesk.",
				ElementType:         types.StringType,
				Optional:            true,
			},
			"id":        schema.StringAttribute{MarkdownDescription: "The contact id.", CustomType: idType, Computed: true},
			"source_id": schema.StringAttribute{MarkdownDescription: "The contact's source id in the inbox.", Computed: true},
		},
	}
	// Each nested attribute carries its type, computed once: the framework
	// looks the type up at every value of every plan, and without it
	// rebuilds each nested object's type every time (a quarter of the
	// provider's CPU time for a few hundred conversations).
	contact.CustomType = objectTypeOf(contact.Attributes)
	messages := transcriptAttribute()
	messages.NestedObject.CustomType = transcriptElementType
	messages.CustomType = types.ListType{ElemType: transcriptElementType}
	entry := schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
		"contact_id": schema.StringAttribute{
			MarkdownDescription: "Id of an existing contact the conversation is with. With `contact`, or with only `source_id`, it is computed.",
			Optional:            true,
			Computed:            true,
			CustomType:          idType,
		},
		"source_id": text("The existing contact's source id in this inbox, instead of `contact_id`."),
		"contact":   contact,
		"status": schema.StringAttribute{
			MarkdownDescription: "`open`, `resolved`, `pending` or `snoozed`, applied after the messages, as for `livedesk_conversation`. When not set, the status LiveDesk holds.",
			Optional:            true,
			Computed:            true,
			Validators:          []validator.String{stringvalidator.OneOf(livedesk.ConversationStatuses...)},
		},
		"snoozed_until": schema.StringAttribute{
			MarkdownDescription: "When a snoozed conversation reopens, as an RFC 3339 time; only with `status = \"snoozed\"`.",
			Optional:            true,
			Validators:          []validator.String{snoozeUntil()},
		},
		"messages":   messages,
		"id":         schema.StringAttribute{MarkdownDescription: "The conversation id; null while the conversation could not be created.", CustomType: idType, Computed: true},
		"uuid":       schema.StringAttribute{MarkdownDescription: "The conversation's UUID.", Computed: true},
		"created_at": schema.Int64Attribute{MarkdownDescription: "When the conversation was created, in unix seconds.", Computed: true},
	}}
	entry.CustomType = objectTypeOf(entry.Attributes)
	return entry
}

// objectTypeOf is the object type of nested attributes.
func objectTypeOf(attributes map[string]schema.Attribute) types.ObjectType {
	attrTypes := make(map[string]attr.Type, len(attributes))
	for name, a := range attributes {
		attrTypes[name] = a.GetType()
	}
	return types.ObjectType{AttrTypes: attrTypes}
}

// conversationsEntryType is the object type of one entry of conversations.
var conversationsEntryType = conversationsEntryObject().Type()

// Schema describes livedesk_conversations.
func (r *conversationsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Many conversations of one inbox as one resource, " +
			"each under a key you choose and seeded concurrently, each with its transcript in order.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The inbox id.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"inbox_id": schema.StringAttribute{
				MarkdownDescription: "Id of the API-channel inbox. Changing it replaces every conversation.",
				Required:            true,
				CustomType:          idType,
				PlanModifiers:       []planmodifier.String{replaceUnlessAdopting()},
			},
			"max_parallel": schema.Int64Attribute{
				CustomType:          wholeNumber(defaultMaxParallel),
				MarkdownDescription: "How many entries are seeded at once, from 1 to 64 (each in its own order). Defaults to 8; a 429 is retried up to the provider's `max_retries`.",
				Optional:            true,
				Computed:            true,
				Default:             int64default.StaticInt64(defaultMaxParallel),
				Validators:          []validator.Int64{int64validator.Between(1, 64)},
			},
			"resolve_on_destroy": schema.BoolAttribute{
				MarkdownDescription: "Whether destroy, a removed key and a replaced entry resolve the conversation (LiveDesk has no delete). Defaults to true.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"conversations": schema.MapNestedAttribute{
				MarkdownDescription: "The conversations, keyed by names you choose (for example the file they come from with `yamldecode`).",
				Required:            true,
				NestedObject:        conversationsEntryObject(),
				CustomType:          types.MapType{ElemType: conversationsEntryType},
			},
		},
	}
}

// conversationsEntries decodes conversations; null and unknown maps give none.
func conversationsEntries(ctx context.Context, m types.Map) (map[string]conversationsEntry, diag.Diagnostics) {
	if m.IsNull() || m.IsUnknown() {
		return nil, nil
	}
	entries := map[string]conversationsEntry{}
	diags := m.ElementsAs(ctx, &entries, false)
	return entries, diags
}

// conversationsValue encodes entries.
func conversationsValue(ctx context.Context, entries map[string]conversationsEntry) (types.Map, diag.Diagnostics) {
	return types.MapValueFrom(ctx, conversationsEntryType, entries)
}

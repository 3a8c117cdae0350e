package provider

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

var (
	_ resource.Resource                = (*contactResource)(nil)
	_ resource.ResourceWithConfigure   = (*contactResource)(nil)
	_ resource.ResourceWithImportState = (*contactResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*contactResource)(nil)
)

// contactResource manages livedesk_contact.
type contactResource struct {
	resourceConfigurer
}

// contactModel is the livedesk_contact state.
type contactModel struct {
	ID               idValue      `tfsdk:"id"`
	InboxID          idValue      `tfsdk:"inbox_id"`
	Name             types.String `tfsdk:"name"`
	Email            emailValue   `tfsdk:"email"`
	PhoneNumber      types.String `tfsdk:"phone_number"`
	AvatarURL        types.String `tfsdk:"avatar_url"`
	Identifier       types.String `tfsdk:"identifier"`
	CustomAttributes types.Map    `tfsdk:"custom_attributes"`
	SourceID         types.String `tfsdk:"source_id"`
	CreatedAt        types.Int64  `tfsdk:"created_at"`
}

// NewContactResource returns the livedesk_contact resource.
func NewContactResource() resource.Resource {
	return &contactResource{}
}

// Metadata sets the type name livedesk_contact.
func (r *contactResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_contact"
}

// Schema describes livedesk_contact.
func (r *contactResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	field := func(description string, validators ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: description + " Changed in place.",
			Optional:            true,
			Validators:          append([]validator.String{stringvalidator.LengthAtLeast(1)}, validators...),
		}
	}
	email := field("Email address: one `@`, no spaces, and a domain with a dot, such as `alice@acme.inc`. LiveDesk stores it lower-case and it must be unique in the "+
		"project, compared case-insensitively, so `Alice@Acme.inc` shows no difference.", emailFormat())
	email.CustomType = emailType
	email.PlanModifiers = []planmodifier.String{keepEmailSpelling()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A contact in an API-channel inbox, the person its conversations are with.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The contact id, as a string.",
				CustomType:          idType,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"inbox_id": schema.StringAttribute{
				MarkdownDescription: "Id of the API-channel inbox the contact is created in. Changing it creates a new contact, " +
					"which LiveDesk refuses while the email or identifier stays the same (the old contact cannot be deleted), so such a plan is an error.",
				Required:   true,
				CustomType: idType,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(
					func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
						// An imported contact in several inboxes has no
						// inbox_id yet: setting it replaces nothing.
						resp.RequiresReplace = !req.StateValue.IsNull()
					},
					"Changing a known inbox creates a new contact.", "Changing a known inbox creates a new contact."),
				},
			},
			"name":  field("The contact's name."),
			"email": email,
			"phone_number": field("Phone number in E.164 format, such as `+6591234567`: `+`, then 2 to 15 digits, the first not 0, "+
				"with no spaces. LiveDesk allows each number once in the project.", phoneFormat()),
			"avatar_url": field("URL of an image LiveDesk downloads as the avatar. LiveDesk does not report it back, so changes made in LiveDesk are not detected."),
			"identifier": field("Your own id for the contact, unique in the project and compared case-sensitively (`CRM-1` and `crm-1` " +
				"are two contacts); the best key for refresh and import."),
			"custom_attributes": schema.MapAttribute{
				MarkdownDescription: "Custom attributes. Terraform manages the keys in the configuration: LiveDesk merges them into the " +
					"contact's, so keys are added and changed, but **removing a key from the configuration does not remove it in LiveDesk** " +
					"(the API offers no way to). The plan then warns that the key leaves Terraform's management and stays in LiveDesk with its " +
					"value; the apply sends nothing for it. Keys set outside Terraform are ignored.",
				ElementType: types.StringType,
				Optional:    true,
			},
			"source_id": schema.StringAttribute{
				MarkdownDescription: "The contact's source id in the inbox; a conversation can name the contact by it.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"created_at": schema.Int64Attribute{
				MarkdownDescription: "When the contact was created, in unix seconds.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
		},
	}
}

// ModifyPlan warns that destroying a contact only forgets it and that
// custom attributes removed from the configuration stay in LiveDesk, and
// refuses, at plan time, to move a contact to another inbox while it keeps
// its email or identifier: the replacement would forget the old contact
// (LiveDesk cannot delete it) and LiveDesk would then refuse the new one as
// a duplicate, leaving neither in the state.
func (r *contactResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if warnDestroyForgets(req, resp, "contact") || req.State.Raw.IsNull() {
		return
	}
	var plan, state contactModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(warnCustomAttributesKept(ctx, plan, state)...)
	if state.InboxID.IsNull() || plan.InboxID.IsUnknown() || plan.InboxID.Equal(state.InboxID) {
		return
	}
	sameEmail := plan.Email.sameAddress(state.Email)
	sameIdentifier := !plan.Identifier.IsNull() && plan.Identifier.Equal(state.Identifier)
	if sameEmail || sameIdentifier {
		resp.Diagnostics.AddAttributeError(path.Root("inbox_id"), "A LiveDesk contact cannot move to another inbox",
			fmt.Sprintf("Changing inbox_id from %s to %s would replace contact %s, but LiveDesk cannot delete the old contact and refuses a second one "+
				"with the same email or identifier. Keep inbox_id, or give the contact in the new inbox another email and identifier "+
				"(the old contact stays in LiveDesk).", state.InboxID.ValueString(), plan.InboxID.ValueString(), state.ID.ValueString()))
	}
}

// Create creates the contact with one request.
func (r *contactResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan contactModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	fields, diags := contactFields(ctx, plan, nil)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.data.client.Contacts.Create(ctx, livedesk.CreateContactRequest{InboxID: plan.InboxID.Int64(), ContactFields: fields})
	if err != nil {
		// The identifier of a contact an earlier apply created (LiveDesk
		// cannot delete it): adopt that contact, as an import would.
		adopted, adoptErr := adoptTakenContact(ctx, r.data.client, plan.InboxID.Int64(), fields, err)
		switch {
		case adoptErr != nil:
			resp.Diagnostics.AddError("Cannot adopt the existing LiveDesk contact", r.data.explainContactError(adoptErr, plan))
			return
		case adopted == nil:
			resp.Diagnostics.AddError("Cannot create the LiveDesk contact", r.data.explainContactError(err, plan))
			return
		}
		resp.Diagnostics.AddWarning(adopted.Summary, adopted.Warning)
		plan.ID = newID(int64(adopted.Contact.ID))
		plan.SourceID = optionalString(adopted.SourceID)
		plan.CreatedAt = types.Int64Value(adopted.Contact.CreatedAt.Unix())
		resp.Diagnostics.Append(refreshContact(ctx, &plan, &adopted.Contact)...)
	} else {
		plan.ID = newID(int64(created.Contact.ID))
		plan.SourceID = types.StringValue(created.SourceID)
		plan.CreatedAt = types.Int64Value(created.Contact.CreatedAt.Unix())
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(contactIdentity.record(ctx, resp.State, resp.Identity)...)
}

// Read finds the contact through the documented search (see
// findContactByID) and copies what LiveDesk holds into the state. A
// contact found nowhere is removed from the state with a warning; one with
// no identifier, email, phone number or name to search by keeps its state.
func (r *contactResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state contactModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, diags := idFromState("livedesk_contact", state.ID)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(contactIdentity.record(ctx, resp.State, resp.Identity)...)
	keys := searchKeys(state)
	if len(keys) == 0 {
		return // nothing to search by: keep the state as it is
	}
	contact, err := findContactByID(ctx, r.data.client, id, keys)
	if err != nil {
		resp.Diagnostics.AddError("Cannot refresh the LiveDesk contact", r.data.explain(err))
		return
	}
	if contact == nil {
		resp.Diagnostics.AddWarning("Contact no longer found in LiveDesk",
			fmt.Sprintf("No contact with id %d matches a search by %s or is in LiveDesk's contact list, so it was removed from the Terraform state; "+
				"the next apply creates it again. If it still exists, import it instead: terraform import <address> %d", id, keyNames(keys), id))
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(refreshContact(ctx, &state, contact)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update sends the changed fields with one PATCH, or nothing when no field
// LiveDesk holds changes (custom attributes only dropped from the
// configuration, an imported contact adopting its inbox).
func (r *contactResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state contactModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, diags := idFromState("livedesk_contact", state.ID)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	fields, diags := contactFields(ctx, plan, &state)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	// A plan that only stops managing custom attributes (or adopts an
	// imported contact's inbox) changes nothing in LiveDesk: send nothing.
	if !reflect.DeepEqual(fields, livedesk.ContactFields{}) {
		updated, err := r.data.client.Contacts.Update(ctx, id, fields)
		if err != nil {
			resp.Diagnostics.AddError("Cannot update the LiveDesk contact", r.data.explainContactError(err, plan))
			return
		}
		resp.Diagnostics.Append(refreshContact(ctx, &plan, updated)...)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(contactIdentity.record(ctx, resp.State, resp.Identity)...)
}

// Delete only forgets the contact: LiveDesk documents no way to delete it,
// and the plan already warned so.
func (r *contactResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// ImportState imports by id or by a documented search key:
// identifier:<value>, email:<value> or phone:<value>; an import block's
// identity names the id.
func (r *contactResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(contactIdentity.fillImportID(ctx, &req)...)
	contact, ok := r.importedContact(ctx, req.ID, &resp.Diagnostics)
	if !ok {
		return
	}
	state, diags := importedContactModel(ctx, contact)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(contactIdentity.record(ctx, resp.State, resp.Identity)...)
}

// importedContactModel is the state of an imported contact: what LiveDesk
// holds, all its custom attributes, and the inbox when the contact is in
// exactly one (otherwise the configuration's inbox_id is taken on the next
// apply). The livedesk_contact list resource returns the same object, so
// that the configuration terraform query generates imports with an empty
// plan.
func importedContactModel(ctx context.Context, contact *livedesk.Contact) (contactModel, diag.Diagnostics) {
	state := contactModel{
		ID:               newID(int64(contact.ID)),
		InboxID:          nullID(),
		AvatarURL:        types.StringNull(),
		CustomAttributes: types.MapNull(types.StringType),
		SourceID:         types.StringNull(),
		CreatedAt:        types.Int64Value(contact.CreatedAt.Unix()),
	}
	if len(contact.ContactInboxes) == 1 && contact.ContactInboxes[0].Inbox != nil {
		state.InboxID = newID(int64(contact.ContactInboxes[0].Inbox.ID))
	}
	attrs, diags := types.MapValueFrom(ctx, types.StringType, map[string]string(contact.CustomAttributes))
	if len(contact.CustomAttributes) > 0 {
		state.CustomAttributes = attrs
	}
	diags.Append(refreshContact(ctx, &state, contact)...)
	return state, diags
}

// importedContact finds the contact an import id names: a numeric id
// (searched for, then looked for in the whole list) or key:value, which
// must match exactly one contact.
func (r *contactResource) importedContact(ctx context.Context, importID string, diags *diag.Diagnostics) (*livedesk.Contact, bool) {
	if id, err := parseID(importID); err == nil {
		contact, err := findContactByID(ctx, r.data.client, id, []contactKey{{"id", importID}})
		switch {
		case err != nil:
			diags.AddError("Cannot search LiveDesk contacts", r.data.explain(err))
		case contact == nil:
			diags.AddError("No such LiveDesk contact", fmt.Sprintf("No contact has id %d.", id))
		}
		return contact, contact != nil
	}
	key, value, ok := strings.Cut(importID, ":")
	if !ok || value == "" || importKeys[key] == "" {
		diags.AddError("Invalid livedesk_contact import id",
			fmt.Sprintf("%q is not an import id. Use the contact id, identifier:<value>, email:<value> or phone:<value>, "+
				"for example 2219259 or email:alice@acme.inc.", importID))
		return nil, false
	}
	matches, err := r.data.client.Contacts.Find(ctx, livedesk.ListContactsOptions{Query: value}, 2, exactMatch(importKeys[key], value))
	switch {
	case err != nil:
		diags.AddError("Cannot search LiveDesk contacts", r.data.explain(err))
	case len(matches) == 0:
		diags.AddError("No such LiveDesk contact", fmt.Sprintf("No contact has %s %q.", importKeys[key], value))
	case len(matches) == 2:
		diags.AddError("Ambiguous LiveDesk contact", fmt.Sprintf("Several contacts have %s %q; import by id, identifier or email, which are unique.", importKeys[key], value))
	default:
		return &matches[0], true
	}
	return nil, false
}

// importKeys maps import id prefixes to contact attributes.
var importKeys = map[string]string{"identifier": "identifier", "email": "email", "phone": "phone_number"}

// explainContactError adds advice for an email, identifier or phone
// number another contact already has: each names the attribute and the
// import command that brings that contact under Terraform instead.
func (d *providerData) explainContactError(err error, plan contactModel) string {
	return d.explainContactFailure(err, plan, importNext("contact", "<contact id>"), func(importKey, value string) string {
		return "bring the existing contact under Terraform with:\n  terraform import <address> " + importKey + ":" + value
	})
}

// explainInlineContactError is explainContactError for the inline contact
// of a livedesk_conversations entry, which names an existing contact with
// contact_id instead.
func (d *providerData) explainInlineContactError(err error, plan contactModel) string {
	return d.explainContactFailure(err, plan, "If it exists, set contact_id to its id instead of contact.", func(string, string) string {
		return "set contact_id to the existing contact's id instead of contact"
	})
}

// explainContactFailure is explainContactError with next, what to do
// when a contact may have been created all the same, and adopt, what to
// do with a contact whose unique attribute (named as its import key) has
// value.
func (d *providerData) explainContactFailure(err error, plan contactModel, next string, adopt func(importKey, value string) string) string {
	text := d.explainCreate(err, createFailure{kind: "contact", check: "search for it in the LiveDesk console by its email or identifier", next: next})
	if livedesk.IsNotFound(err) {
		if plan.ID.IsUnknown() {
			return fmt.Sprintf("LiveDesk did not find inbox_id = %s. Check that it is the Channel ID of an API-channel inbox in the project the API key belongs to.\n\n%s",
				plan.InboxID.ValueString(), text)
		}
		return fmt.Sprintf("LiveDesk no longer knows contact %s. Run terraform plan again: refresh looks the contact up anew.\n\n%s", plan.ID.ValueString(), text)
	}
	for _, taken := range []struct {
		attr, importKey, rule string
		value                 types.String
	}{
		{"email", "email", "compared case-insensitively", plan.Email.StringValue},
		{"identifier", "identifier", "compared case-sensitively", plan.Identifier},
		{"phone_number", "phone", "compared exactly", plan.PhoneNumber},
	} {
		if contactTaken(err, taken.attr) {
			text += fmt.Sprintf("\n\nAnother LiveDesk contact already has this %s, %q (%ss are unique in a project, %s). Use another one, or %s.",
				taken.attr, taken.value.ValueString(), taken.attr, taken.rule, adopt(taken.importKey, taken.value.ValueString()))
		}
	}
	return text
}

// warnCustomAttributesKept warns, at plan time, about custom attributes
// the plan stops managing: LiveDesk merges custom attributes and has no
// way to remove one, so the key stays in LiveDesk with its value. The plan
// shows the key leaving the state (Terraform plans the configured map);
// the apply sends nothing for it, and later plans ignore it.
func warnCustomAttributesKept(ctx context.Context, plan, state contactModel) diag.Diagnostics {
	var planned, previous map[string]string
	diags := elementsOf(ctx, state.CustomAttributes, &previous)
	if plan.CustomAttributes.IsUnknown() || diags.HasError() {
		return diags
	}
	diags.Append(elementsOf(ctx, plan.CustomAttributes, &planned)...)
	var kept []string
	for key, value := range previous {
		if _, still := planned[key]; !still {
			kept = append(kept, fmt.Sprintf("%q = %q", key, value))
		}
	}
	if len(kept) == 0 {
		return diags
	}
	slices.Sort(kept)
	diags.AddAttributeWarning(path.Root("custom_attributes"), "LiveDesk keeps custom attributes removed from the configuration",
		fmt.Sprintf("Contact %s: LiveDesk has no way to remove a custom attribute, so %s stay in LiveDesk as they are. "+
			"This plan only stops Terraform from managing them; the apply sends no request for them. "+
			"Remove them in the LiveDesk console if they must go.", state.ID.ValueString(), strings.Join(kept, ", ")))
	return diags
}

// refreshContact copies what LiveDesk holds into m. Empty values become
// null; custom attributes are limited to the keys m already tracks,
// because LiveDesk merges attributes and a key dropped from the
// configuration cannot be removed there.
func refreshContact(ctx context.Context, m *contactModel, c *livedesk.Contact) diag.Diagnostics {
	m.Name = optionalString(c.Name)
	m.PhoneNumber = optionalString(c.PhoneNumber)
	m.Identifier = optionalString(c.Identifier)
	m.Email = emailOf(c.Email) // the framework keeps the configured spelling of the same address
	if c.CreatedAt.Unix() != 0 {
		m.CreatedAt = types.Int64Value(c.CreatedAt.Unix())
	}
	if inboxID := m.InboxID.Int64(); inboxID != 0 {
		if sourceID := c.SourceIDFor(inboxID); sourceID != "" {
			m.SourceID = types.StringValue(sourceID)
		}
	}
	if m.CustomAttributes.IsNull() || m.CustomAttributes.IsUnknown() {
		return nil
	}
	tracked := map[string]string{}
	for key := range m.CustomAttributes.Elements() {
		if value, ok := c.CustomAttributes[key]; ok {
			tracked[key] = value
		}
	}
	attrs, diags := types.MapValueFrom(ctx, types.StringType, tracked)
	m.CustomAttributes = attrs
	return diags
}

// optionalString is null for "".
func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// contactFields builds the fields to send. For a create (prior nil) those
// set in the plan; for an update those that differ from the prior state,
// with a removed field sent as "" to clear it, and the custom attributes
// whose values are new or changed.
func contactFields(ctx context.Context, plan contactModel, prior *contactModel) (livedesk.ContactFields, diag.Diagnostics) {
	var fields livedesk.ContactFields
	pick := func(dst **string, planned types.String, priorValue func(*contactModel) types.String) {
		switch {
		case prior == nil && planned.IsNull():
		case prior != nil && planned.Equal(priorValue(prior)):
		default:
			value := planned.ValueString()
			*dst = &value
		}
	}
	pick(&fields.Name, plan.Name, func(m *contactModel) types.String { return m.Name })
	pick(&fields.Email, plan.Email.StringValue, func(m *contactModel) types.String { return m.Email.StringValue })
	pick(&fields.PhoneNumber, plan.PhoneNumber, func(m *contactModel) types.String { return m.PhoneNumber })
	pick(&fields.AvatarURL, plan.AvatarURL, func(m *contactModel) types.String { return m.AvatarURL })
	pick(&fields.Identifier, plan.Identifier, func(m *contactModel) types.String { return m.Identifier })

	var planned, previous map[string]string
	diags := elementsOf(ctx, plan.CustomAttributes, &planned)
	if prior != nil {
		diags.Append(elementsOf(ctx, prior.CustomAttributes, &previous)...)
	}
	for key, value := range planned {
		if old, ok := previous[key]; !ok || old != value {
			if fields.CustomAttributes == nil {
				fields.CustomAttributes = map[string]string{}
			}
			fields.CustomAttributes[key] = value
		}
	}
	return fields, diags
}

// elementsOf decodes a known map; null and unknown maps leave dst nil.
func elementsOf(ctx context.Context, m types.Map, dst *map[string]string) diag.Diagnostics {
	if m.IsNull() || m.IsUnknown() {
		return nil
	}
	return m.ElementsAs(ctx, dst, false)
}

// e164 is a phone number in E.164 format: "+", then 2 to 15 digits, the
// first not 0. LiveDesk refuses any other phone_number (Chatwoot's contact
// model checks the same digits, anchored only at the end).
var e164 = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)

// emailAddress is an email the provider sends: one "@", no white space or
// invisible character, and a domain of two or more labels ("acme.inc").
// LiveDesk's API accepts any text without white space around one "@"
// (Devise's default email_regexp, which Chatwoot's contact model and the
// sandbox apply), so every address accepted here is accepted there; but
// LiveDesk's console refuses an address whose domain has no dot, and no
// mail reaches one, so "a@b" is refused as the slip it almost always is.
var emailAddress = regexp.MustCompile(`^[^@\s\p{Z}\p{C}]+@[^@\s\p{Z}\p{C}.]+(\.[^@\s\p{Z}\p{C}.]+)+$`)

// phoneFormat refuses, at plan time, a phone_number LiveDesk would refuse.
func phoneFormat() validator.String {
	return stringvalidator.RegexMatches(e164,
		`must be in E.164 format: "+", then 2 to 15 digits, the first not 0, with no spaces or dashes, such as "+6591234567"`)
}

// emailFormat refuses, at plan time, an email LiveDesk would refuse.
func emailFormat() validator.String {
	return stringvalidator.RegexMatches(emailAddress,
		`must be an email address: one "@", no spaces, and a domain with a dot, such as "alice@acme.inc"`)
}

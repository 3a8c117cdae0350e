package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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
	ID               types.String `tfsdk:"id"`
	InboxID          types.String `tfsdk:"inbox_id"`
	Name             types.String `tfsdk:"name"`
	Email            types.String `tfsdk:"email"`
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
	email := field("Email address. LiveDesk stores it lower-case and it must be unique in the project; it is compared case-insensitively, so `Alice@Acme.inc` shows no difference.")
	email.PlanModifiers = []planmodifier.String{caseInsensitive()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A LiveDesk contact in an API-channel inbox, created with `POST /api/v2/accounts/contacts` and changed in place with " +
			"`PATCH /api/v2/accounts/contacts/{id}`. The API channel does not create contacts implicitly, so seed contacts before their conversations.\n\n" +
			"LiveDesk documents no way to read one contact or to delete one. Refresh therefore finds the contact through the documented search " +
			"(by `identifier`, else `email`, else `phone_number`, else `name`) and matches its id exactly: changes made in LiveDesk show up as a " +
			"difference, and a contact that can no longer be found is removed from the state with a warning. A contact with none of those " +
			"attributes keeps its state as it is. Destroy only removes the contact from the state; it stays in LiveDesk.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The contact id, as a string.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"inbox_id": schema.StringAttribute{
				MarkdownDescription: "Id of the API-channel inbox the contact is created in. Changing it creates a new contact, " +
					"which LiveDesk refuses while the email or identifier stays the same (the old contact cannot be deleted), so such a plan is an error.",
				Required:   true,
				Validators: []validator.String{positiveID()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(
					func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
						// An imported contact in several inboxes has no
						// inbox_id yet: setting it replaces nothing.
						resp.RequiresReplace = !req.StateValue.IsNull()
					},
					"Changing a known inbox creates a new contact.", "Changing a known inbox creates a new contact."),
				},
			},
			"name":         field("The contact's name."),
			"email":        email,
			"phone_number": field("Phone number, such as `+6591234567`."),
			"avatar_url":   field("URL of an image LiveDesk downloads as the avatar. LiveDesk does not report it back, so changes made in LiveDesk are not detected."),
			"identifier":   field("Your own id for the contact (unique in the project); the best key for refresh and import."),
			"custom_attributes": schema.MapAttribute{
				MarkdownDescription: "Custom attributes. LiveDesk merges them into the contact's: keys are added and changed, but **removing a key from " +
					"the configuration does not remove it in LiveDesk** (the API offers no way to). Terraform then stops tracking that key, " +
					"so there is no lasting difference; keys set outside Terraform are ignored.",
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

// ModifyPlan refuses, at plan time, to move a contact to another inbox
// while it keeps its email or identifier: the replacement would forget the
// old contact (LiveDesk cannot delete it) and LiveDesk would then refuse
// the new one as a duplicate, leaving neither in the state.
func (r *contactResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if warnDestroyForgets(ctx, req, resp, "contact") || req.State.Raw.IsNull() {
		return
	}
	var plan, state contactModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || state.InboxID.IsNull() || plan.InboxID.IsUnknown() || plan.InboxID.Equal(state.InboxID) {
		return
	}
	sameEmail := !plan.Email.IsNull() && strings.EqualFold(plan.Email.ValueString(), state.Email.ValueString())
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
	inboxID, err := parseID(plan.InboxID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("inbox_id"), "Invalid inbox_id", err.Error())
		return
	}
	fields, diags := contactFields(ctx, plan, nil)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.data.client.Contacts.Create(ctx, livedesk.CreateContactRequest{InboxID: inboxID, ContactFields: fields})
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the LiveDesk contact", r.explainContactError(err, plan))
		return
	}
	plan.ID = types.StringValue(strconv.FormatInt(int64(created.Contact.ID), 10))
	plan.SourceID = types.StringValue(created.SourceID)
	plan.CreatedAt = types.Int64Value(created.Contact.CreatedAt.Unix())
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Read finds the contact through the documented search and copies what
// LiveDesk holds into the state.
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
	keys := searchKeys(state)
	if len(keys) == 0 {
		return // nothing to search by: keep the state as it is
	}
	contact, err := findContactByID(ctx, r.data.client, id, keys)
	if err != nil {
		resp.Diagnostics.AddError("Cannot refresh the LiveDesk contact", r.data.explain(err, "", ""))
		return
	}
	if contact == nil {
		resp.Diagnostics.AddWarning("Contact no longer found in LiveDesk",
			fmt.Sprintf("No contact with id %d matches a search by %s, so it was removed from the Terraform state; the next apply creates it again. "+
				"If it still exists under other details, import it instead.", id, keyNames(keys)))
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(refreshContact(ctx, &state, contact)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update sends the changed fields with one PATCH.
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
	if _, err := r.data.client.Contacts.Update(ctx, id, fields); err != nil {
		resp.Diagnostics.AddError("Cannot update the LiveDesk contact", r.explainContactError(err, plan))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete only forgets the contact: LiveDesk documents no way to delete it,
// and the plan already warned so.
func (r *contactResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// ImportState imports by a documented search key: identifier:<value>,
// email:<value> or phone:<value>.
func (r *contactResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	key, value, ok := strings.Cut(req.ID, ":")
	if !ok || value == "" || importKeys[key] == "" {
		resp.Diagnostics.AddError("Invalid livedesk_contact import id",
			fmt.Sprintf("%q is not an import id. Use identifier:<value>, email:<value> or phone:<value>, for example email:alice@acme.inc.", req.ID))
		return
	}
	matches, err := r.data.client.Contacts.Find(ctx, livedesk.ListContactsOptions{Query: value}, 2, exactMatch(importKeys[key], value))
	if err != nil {
		resp.Diagnostics.AddError("Cannot search LiveDesk contacts", r.data.explain(err, "", ""))
		return
	}
	switch len(matches) {
	case 0:
		resp.Diagnostics.AddError("No such LiveDesk contact", fmt.Sprintf("No contact has %s %q.", importKeys[key], value))
		return
	case 2:
		resp.Diagnostics.AddError("Ambiguous LiveDesk contact", fmt.Sprintf("Several contacts have %s %q; import by identifier or email, which are unique.", importKeys[key], value))
		return
	}
	contact := matches[0]
	state := contactModel{
		ID:               types.StringValue(strconv.FormatInt(int64(contact.ID), 10)),
		InboxID:          types.StringNull(),
		AvatarURL:        types.StringNull(),
		CustomAttributes: types.MapNull(types.StringType),
		SourceID:         types.StringNull(),
		CreatedAt:        types.Int64Value(contact.CreatedAt.Unix()),
	}
	// The inbox is known only when the contact is in exactly one; otherwise
	// the configuration's inbox_id is taken on the next apply.
	if len(contact.ContactInboxes) == 1 && contact.ContactInboxes[0].Inbox != nil {
		state.InboxID = types.StringValue(strconv.FormatInt(int64(contact.ContactInboxes[0].Inbox.ID), 10))
	}
	attrs, diags := types.MapValueFrom(ctx, types.StringType, map[string]string(contact.CustomAttributes))
	resp.Diagnostics.Append(diags...)
	if len(contact.CustomAttributes) > 0 {
		state.CustomAttributes = attrs
	}
	resp.Diagnostics.Append(refreshContact(ctx, &state, &contact)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// importKeys maps import id prefixes to contact attributes.
var importKeys = map[string]string{"identifier": "identifier", "email": "email", "phone": "phone_number"}

// explainContactError adds advice for a duplicate email or identifier.
func (r *contactResource) explainContactError(err error, plan contactModel) string {
	text := r.data.explain(err, "contact", "search for it in the LiveDesk console by its email or identifier")
	var apiErr *livedesk.APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusUnprocessableEntity && strings.Contains(strings.ToLower(apiErr.Message), "taken") {
		key, value := "email", plan.Email.ValueString()
		if strings.Contains(strings.ToLower(apiErr.Message), "identifier") {
			key, value = "identifier", plan.Identifier.ValueString()
		}
		text += fmt.Sprintf("\n\nAnother LiveDesk contact already has this %s. Emails and identifiers are unique in a project: use another one, "+
			"or bring the existing contact under Terraform with: terraform import <address> %s:%s", key, key, value)
	}
	return text
}

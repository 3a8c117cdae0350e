package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

var (
	_ resource.Resource                = (*ticketResource)(nil)
	_ resource.ResourceWithConfigure   = (*ticketResource)(nil)
	_ resource.ResourceWithImportState = (*ticketResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*ticketResource)(nil)
)

// ticketResource manages livedesk_ticket.
type ticketResource struct {
	resourceConfigurer
}

// NewTicketResource returns the livedesk_ticket resource.
func NewTicketResource() resource.Resource {
	return &ticketResource{}
}

// Metadata sets the type name livedesk_ticket.
func (r *ticketResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ticket"
}

// keptWhenRemoved ends the description of every optional attribute: they
// are also computed, so that an update (which sends the whole ticket)
// carries what LiveDesk holds for the attributes the configuration leaves
// out instead of clearing them.
const keptWhenRemoved = " Left out of the configuration, it is not managed: whatever LiveDesk holds is kept, and sent back unchanged by updates."

// Schema describes livedesk_ticket.
func (r *ticketResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	text := func(description string, validators ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: description + keptWhenRemoved,
			Optional:            true,
			Computed:            true,
			Validators:          append([]validator.String{stringvalidator.LengthAtLeast(1)}, validators...),
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		}
	}
	list := func(description string, validators ...validator.List) schema.ListAttribute {
		return schema.ListAttribute{
			MarkdownDescription: description + keptWhenRemoved + " Set it to `[]` to clear it.",
			ElementType:         types.StringType,
			Optional:            true,
			Computed:            true,
			Validators:          validators,
			PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
		}
	}
	requesterField := func(description string) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: description,
			Optional:            true,
			Computed:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A ticket, the one LiveDesk object that can be read back.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The ticket id, such as `tk_20251104_789abc`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"title": schema.StringAttribute{
				MarkdownDescription: "The ticket's title. Changed in place.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"description": text("The ticket's description; Markdown is allowed. Changed in place."),
			"priority": text("One of `low`, `medium`, `high` and `urgent`, the values the ticket pages' tables list. "+
				"(The update page's example sends `normal`, which its table does not list; the provider accepts only the listed values.) Changed in place.",
				stringvalidator.OneOf(livedesk.TicketPriorities...)),
			"ticket_type": text("The ticket type, such as `incident`. Changed in place."),
			"custom_fields": schema.MapAttribute{
				MarkdownDescription: "Custom fields, as strings. Changed in place; an update replaces them all." + keptWhenRemoved + " Set it to `{}` to clear it.",
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
			},
			"tags": list("Tags. Changed in place. When LiveDesk's answer carries no tags, refresh keeps the configured ones."),
			"attachment_urls": list("URLs of files attached to the ticket, sent as `attachments[].file_url`. LiveDesk's pages say the files must be uploaded "+
				"first, with an upload endpoint they do not document; give URLs LiveDesk can download. Changed in place.",
				listvalidator.ValueStringsAre(stringCheck{description: "must be an http(s) URL", problem: fileURLProblem})),
			"requester": schema.SingleNestedAttribute{
				MarkdownDescription: "The customer the ticket is for. LiveDesk does not document how its ids relate to the contact API's numeric ids; " +
					"its examples use the forms `contact_12345` and `inbox_100`." + keptWhenRemoved,
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
				Attributes: map[string]schema.Attribute{
					"euid":       requesterField("The requester's id, such as `contact_12345`."),
					"channel_id": requesterField("The channel of the requester's channel contact, such as `inbox_100`."),
					"contact_id": requesterField("The requester's id in that channel, such as `-1001234567890`."),
				},
			},
			"submitter_id":    text("Id of the agent who submits the ticket, such as `u_12345`. Sent as `submitter.id`."),
			"assignment_team": text("Name of the team the ticket is assigned to, such as `IT Support`. LiveDesk refuses a team it does not know."),
			"status": schema.StringAttribute{
				MarkdownDescription: "The ticket's status as LiveDesk reports it, such as `open`. LiveDesk documents no way to change it through the API.",
				Computed:            true,
			},
		},
	}
}

// ModifyPlan warns at plan time that destroying a ticket only forgets it.
func (r *ticketResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	warnDestroyForgets(req, resp, "ticket")
}

// Create creates the ticket with one POST (and one GET when the answer
// carries only the id). A ticket that exists is always saved: when it
// cannot be read back, or LiveDesk holds other values than were sent, the
// state takes the configuration and a warning says so, rather than an
// error tainting the ticket.
func (r *ticketResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan ticketModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	fields, diags := ticketFields(ctx, plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ticket, err := r.data.client.Tickets.Create(ctx, fields)
	var readBack *livedesk.ReadBackError
	switch {
	case errors.As(err, &readBack):
		plan.ID = types.StringValue(readBack.TicketID)
		resp.Diagnostics.AddWarning("LiveDesk ticket created but not read back",
			fmt.Sprintf("%s\n\nThe ticket is in the Terraform state as configured; the next refresh reads what LiveDesk holds.", r.data.mask(err.Error())))
		resp.Diagnostics.Append(resp.State.Set(ctx, unknownsToNull(plan))...)
		resp.Diagnostics.Append(ticketIdentity.record(ctx, resp.State, resp.Identity)...)
		return
	case err != nil:
		resp.Diagnostics.AddError("Cannot create the LiveDesk ticket", r.explainTicketError(err, true))
		return
	}
	got, diags := ticketFromAPI(ctx, ticket)
	resp.Diagnostics.Append(diags...)
	state, differ, diags := reconcile(ctx, plan, got)
	resp.Diagnostics.Append(diags...)
	if len(differ) > 0 {
		// The ticket exists: keep it, as configured, and let the next plan
		// show what LiveDesk holds instead of tainting it.
		resp.Diagnostics.AddWarning("LiveDesk stored the ticket differently",
			fmt.Sprintf("Ticket %s was created, but LiveDesk holds other values for %s than were sent. The next plan shows the difference.",
				ticket.ID, strings.Join(differ, ", ")))
		state = plan
		state.ID, state.Status = got.ID, got.Status
		state = unknownsToNull(state)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(ticketIdentity.record(ctx, resp.State, resp.Identity)...)
}

// Read GETs the ticket and copies what LiveDesk holds into the state (see
// reconcile). A 404 removes the ticket from the state with a warning.
func (r *ticketResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state ticketModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(ticketIdentity.record(ctx, req.State, resp.Identity)...)
	ticket, err := r.data.client.Tickets.Get(ctx, state.ID.ValueString())
	if livedesk.IsNotFound(err) {
		resp.Diagnostics.AddWarning("Ticket no longer found in LiveDesk",
			fmt.Sprintf("LiveDesk answered 404 for ticket %s, so it was removed from the Terraform state; the next apply creates a new ticket.", state.ID.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the LiveDesk ticket", r.explainTicketError(err, false))
		return
	}
	got, diags := ticketFromAPI(ctx, ticket)
	resp.Diagnostics.Append(diags...)
	refreshed, _, diags := reconcile(ctx, state, got)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &refreshed)...)
}

// Update PUTs the whole ticket and checks that LiveDesk holds what was
// sent. A value LiveDesk did not take is an error, and the state records
// what LiveDesk holds, so that the next plan tries again.
//
// The PUT replaces the ticket, so it is built from what LiveDesk holds,
// overlaid with the plan (see ticketUpdateFields). What LiveDesk holds is
// read with a GET right before the PUT rather than kept in private state
// by Read: a GET is safe to send (and to retry), it gives what LiveDesk
// holds now rather than at the last refresh (a saved plan may be applied
// hours later, or planned with -refresh=false), so a follower an agent
// added in between is kept, and tickets already in a state need nothing
// stored to be updated safely. It costs one request per update.
func (r *ticketResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state ticketModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	held, err := r.data.client.Tickets.Get(ctx, state.ID.ValueString())
	if err != nil {
		text := r.explainTicketError(err, false)
		if livedesk.IsNotFound(err) {
			text += "\n\nThe ticket is gone from LiveDesk. Run terraform plan: the refresh removes it from the state and plans a new ticket."
		}
		resp.Diagnostics.AddError("Cannot read the LiveDesk ticket before updating it", text+"\n\nNothing was changed.")
		return
	}
	fields, diags := ticketUpdateFields(ctx, plan, held)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ticket, err := r.data.client.Tickets.Update(ctx, state.ID.ValueString(), fields)
	if err != nil {
		resp.Diagnostics.AddError("Cannot update the LiveDesk ticket", r.explainTicketError(err, false))
		return
	}
	got, diags := ticketFromAPI(ctx, ticket)
	resp.Diagnostics.Append(diags...)
	updated, differ, diags := reconcile(ctx, plan, got)
	resp.Diagnostics.Append(diags...)
	if len(differ) > 0 {
		resp.Diagnostics.AddError("LiveDesk did not apply the whole update",
			fmt.Sprintf("After updating ticket %s, LiveDesk holds other values than were sent for %s. The state now shows what LiveDesk holds; "+
				"check the values against the ticket pages (LiveDesk may refuse or rewrite them silently).", state.ID.ValueString(), strings.Join(differ, ", ")))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &updated)...)
	resp.Diagnostics.Append(ticketIdentity.record(ctx, resp.State, resp.Identity)...)
}

// Delete only forgets the ticket: LiveDesk documents no way to delete it,
// and the plan already warned so.
func (r *ticketResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// ImportState imports a ticket by its id, or by the identity of an import
// block; the refresh that follows reads everything else.
func (r *ticketResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(ticketIdentity.fillImportID(ctx, &req)...)
	if strings.TrimSpace(req.ID) == "" || strings.ContainsAny(req.ID, "/ ") {
		resp.Diagnostics.AddError("Invalid livedesk_ticket import id",
			fmt.Sprintf("%q is not a ticket id. Import a ticket by its id, for example: terraform import livedesk_ticket.example tk_20251104_789abc", req.ID))
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
	resp.Diagnostics.Append(ticketIdentity.record(ctx, resp.State, resp.Identity)...)
}

// explainTicketError explains a client error; create is set for a create,
// whose outcome may be uncertain.
func (r *ticketResource) explainTicketError(err error, create bool) string {
	text := r.data.explain(err)
	if create {
		text = r.data.explainCreate(err, createFailure{kind: "ticket", check: "look for a ticket with this title in the LiveDesk console",
			next: importNext("ticket", "<ticket id>")})
	}
	var apiErr *livedesk.APIError
	if errors.As(err, &apiErr) && apiErr.Code != 0 && apiErr.StatusCode < 300 {
		text += fmt.Sprintf("\n\nLiveDesk refused the request with code %d although the HTTP status was %d: nothing was changed. "+
			"Correct what the message names (an assignment_team LiveDesk does not know, for one) and apply again.", apiErr.Code, apiErr.StatusCode)
	}
	return text
}

// unknownsToNull replaces the unknown values a plan may hold (computed
// attributes the configuration leaves out) with null, for a state that
// could not be read back.
func unknownsToNull(m ticketModel) ticketModel {
	nullIfUnknown := func(s types.String) types.String {
		if s.IsUnknown() {
			return types.StringNull()
		}
		return s
	}
	m.Description, m.Priority, m.TicketType = nullIfUnknown(m.Description), nullIfUnknown(m.Priority), nullIfUnknown(m.TicketType)
	m.SubmitterID, m.AssignmentTeam, m.Status = nullIfUnknown(m.SubmitterID), nullIfUnknown(m.AssignmentTeam), nullIfUnknown(m.Status)
	if m.CustomFields.IsUnknown() {
		m.CustomFields = types.MapNull(types.StringType)
	}
	if m.Tags.IsUnknown() {
		m.Tags = types.ListNull(types.StringType)
	}
	if m.AttachmentURLs.IsUnknown() {
		m.AttachmentURLs = types.ListNull(types.StringType)
	}
	if m.Requester.IsUnknown() {
		m.Requester = types.ObjectNull(ticketRequesterTypes)
	}
	if !m.Requester.IsNull() {
		attrs := m.Requester.Attributes()
		for name, v := range attrs {
			if v.IsUnknown() {
				attrs[name] = types.StringNull()
			}
		}
		m.Requester = types.ObjectValueMust(ticketRequesterTypes, attrs)
	}
	return m
}

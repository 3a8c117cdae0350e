package provider

import (
	"context"
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// ticketModel is the livedesk_ticket state.
type ticketModel struct {
	ID             types.String `tfsdk:"id"`
	Title          types.String `tfsdk:"title"`
	Description    types.String `tfsdk:"description"`
	Priority       types.String `tfsdk:"priority"`
	TicketType     types.String `tfsdk:"ticket_type"`
	CustomFields   types.Map    `tfsdk:"custom_fields"`
	Tags           types.List   `tfsdk:"tags"`
	AttachmentURLs types.List   `tfsdk:"attachment_urls"`
	Requester      types.Object `tfsdk:"requester"`
	SubmitterID    types.String `tfsdk:"submitter_id"`
	AssignmentTeam types.String `tfsdk:"assignment_team"`
	Status         types.String `tfsdk:"status"`
}

// ticketRequesterModel is livedesk_ticket.requester.
type ticketRequesterModel struct {
	EUID      types.String `tfsdk:"euid"`
	ChannelID types.String `tfsdk:"channel_id"`
	ContactID types.String `tfsdk:"contact_id"`
}

// ticketRequesterTypes are the attribute types of ticketRequesterModel.
var ticketRequesterTypes = map[string]attr.Type{"euid": types.StringType, "channel_id": types.StringType, "contact_id": types.StringType}

// objectAsOptions decodes an object into a struct of framework values,
// which hold unknown and null values themselves.
var objectAsOptions = basetypes.ObjectAsOptions{}

// ticketFromAPI is what LiveDesk holds, as a model: "" and empty lists and
// maps are null; tags are unknown when the answer did not carry them.
func ticketFromAPI(ctx context.Context, t *livedesk.Ticket) (ticketModel, diag.Diagnostics) {
	m := ticketModel{
		ID:             types.StringValue(string(t.ID)),
		Title:          types.StringValue(t.Title),
		Description:    optionalString(t.Description),
		Priority:       optionalString(t.Priority),
		TicketType:     optionalString(t.TicketType),
		SubmitterID:    optionalString(string(t.Submitter.ID)),
		AssignmentTeam: optionalString(t.AssignmentTeam.Name),
		Status:         types.StringValue(t.Status),
		Tags:           types.ListUnknown(types.StringType),
	}
	var diags, d diag.Diagnostics
	m.CustomFields, d = optionalMap(ctx, t.CustomFields)
	diags.Append(d...)
	m.AttachmentURLs, d = optionalList(ctx, t.AttachmentURLs())
	diags.Append(d...)
	if t.Tags != nil {
		m.Tags, d = optionalList(ctx, *t.Tags)
		diags.Append(d...)
	}
	requester := ticketRequesterModel{
		EUID:      optionalString(string(t.Requester.EUID)),
		ChannelID: optionalString(string(t.Requester.ChannelContacts.ChannelID)),
		ContactID: optionalString(string(t.Requester.ChannelContacts.ContactID)),
	}
	m.Requester = types.ObjectNull(ticketRequesterTypes)
	if !requester.EUID.IsNull() || !requester.ChannelID.IsNull() || !requester.ContactID.IsNull() {
		m.Requester, d = types.ObjectValueFrom(ctx, ticketRequesterTypes, requester)
		diags.Append(d...)
	}
	return m, diags
}

// optionalMap is null for an empty map.
func optionalMap(ctx context.Context, m map[string]string) (types.Map, diag.Diagnostics) {
	if len(m) == 0 {
		return types.MapNull(types.StringType), nil
	}
	return types.MapValueFrom(ctx, types.StringType, m)
}

// optionalList is null for an empty list.
func optionalList(ctx context.Context, l []string) (types.List, diag.Diagnostics) {
	if len(l) == 0 {
		return types.ListNull(types.StringType), nil
	}
	return types.ListValueFrom(ctx, types.StringType, l)
}

// emptyValue reports whether a value is null or an empty string, list or map.
func emptyValue(v attr.Value) bool {
	switch v := v.(type) {
	case types.String:
		return v.IsNull() || (!v.IsUnknown() && v.ValueString() == "")
	case types.List:
		return v.IsNull() || (!v.IsUnknown() && len(v.Elements()) == 0)
	case types.Map:
		return v.IsNull() || (!v.IsUnknown() && len(v.Elements()) == 0)
	}
	return v.IsNull()
}

// settle chooses between the value Terraform expects (want: the plan after
// an apply, the prior state on refresh) and what LiveDesk holds (got). An
// unknown want takes got; a got LiveDesk did not report keeps want; values
// that only differ as null and empty keep want. It reports whether got
// agrees with a known want.
func settle[T attr.Value](want, got T) (T, bool) {
	switch {
	case got.IsUnknown():
		return want, true
	case want.IsUnknown():
		return got, true
	case want.Equal(got) || (emptyValue(want) && emptyValue(got)):
		return want, true
	}
	return got, false
}

// reconcile merges what LiveDesk holds (got) into what Terraform expects
// (want) attribute by attribute, as settle does, and names the attributes
// whose known expected value LiveDesk does not hold. Values still unknown
// at the end (a list LiveDesk did not report) become null.
func reconcile(ctx context.Context, want, got ticketModel) (ticketModel, []string, diag.Diagnostics) {
	var differ []string
	note := func(name string, agrees bool) {
		if !agrees {
			differ = append(differ, name)
		}
	}
	out := got
	var ok bool
	out.Title, ok = settle(want.Title, got.Title)
	note("title", ok)
	out.Description, ok = settle(want.Description, got.Description)
	note("description", ok)
	out.Priority, ok = settle(want.Priority, got.Priority)
	note("priority", ok)
	out.TicketType, ok = settle(want.TicketType, got.TicketType)
	note("ticket_type", ok)
	out.SubmitterID, ok = settle(want.SubmitterID, got.SubmitterID)
	note("submitter_id", ok)
	out.AssignmentTeam, ok = settle(want.AssignmentTeam, got.AssignmentTeam)
	note("assignment_team", ok)
	out.CustomFields, ok = settle(want.CustomFields, got.CustomFields)
	note("custom_fields", ok)
	out.Tags, ok = settle(want.Tags, got.Tags)
	note("tags", ok)
	out.AttachmentURLs, ok = settle(want.AttachmentURLs, got.AttachmentURLs)
	note("attachment_urls", ok)
	if out.Tags.IsUnknown() {
		out.Tags = types.ListNull(types.StringType)
	}
	requester, names, diags := reconcileRequester(ctx, want.Requester, got.Requester)
	out.Requester = requester
	differ = append(differ, names...)
	return out, differ, diags
}

// reconcileRequester settles the requester field by field.
func reconcileRequester(ctx context.Context, want, got types.Object) (types.Object, []string, diag.Diagnostics) {
	switch {
	case want.IsUnknown():
		return got, nil, nil
	case want.IsNull():
		if got.IsNull() {
			return want, nil, nil
		}
		return got, []string{"requester"}, nil
	}
	var w, g ticketRequesterModel
	diags := want.As(ctx, &w, objectAsOptions)
	if !got.IsNull() {
		diags.Append(got.As(ctx, &g, objectAsOptions)...)
	} else {
		g = ticketRequesterModel{EUID: types.StringNull(), ChannelID: types.StringNull(), ContactID: types.StringNull()}
	}
	var differ []string
	var ok bool
	var out ticketRequesterModel
	for _, f := range []struct {
		name      string
		dst       *types.String
		want, got types.String
	}{
		{"requester.euid", &out.EUID, w.EUID, g.EUID},
		{"requester.channel_id", &out.ChannelID, w.ChannelID, g.ChannelID},
		{"requester.contact_id", &out.ContactID, w.ContactID, g.ContactID},
	} {
		if *f.dst, ok = settle(f.want, f.got); !ok {
			differ = append(differ, f.name)
		}
	}
	obj, d := types.ObjectValueFrom(ctx, ticketRequesterTypes, out)
	diags.Append(d...)
	return obj, differ, diags
}

// ticketFields builds a create body from a plan: what is set.
func ticketFields(ctx context.Context, m ticketModel) (livedesk.TicketFields, diag.Diagnostics) {
	fields := livedesk.TicketFields{
		Title:          m.Title.ValueString(),
		Description:    m.Description.ValueString(),
		AssignmentTeam: m.AssignmentTeam.ValueString(),
		Priority:       m.Priority.ValueString(),
		TicketType:     m.TicketType.ValueString(),
	}
	var custom map[string]string
	diags := elementsOf(ctx, m.CustomFields, &custom)
	var tags, urls []string
	diags.Append(listElements(ctx, m.Tags, &tags)...)
	diags.Append(listElements(ctx, m.AttachmentURLs, &urls)...)
	if len(custom) > 0 {
		fields.CustomFields = &custom
	}
	if len(tags) > 0 {
		fields.Tags = &tags
	}
	if len(urls) > 0 {
		fields.Attachments = fileURLs(urls)
	}
	if id := m.SubmitterID.ValueString(); id != "" {
		fields.Submitter = &livedesk.TicketSubmitterFields{ID: id}
	}
	if !m.Requester.IsNull() && !m.Requester.IsUnknown() {
		var r ticketRequesterModel
		diags.Append(m.Requester.As(ctx, &r, objectAsOptions)...)
		fields.Requester = &livedesk.TicketRequesterFields{EUID: r.EUID.ValueString()}
		if r.ChannelID.ValueString() != "" || r.ContactID.ValueString() != "" {
			fields.Requester.ChannelContacts = &livedesk.TicketChannelContactFields{ChannelID: r.ChannelID.ValueString(), ContactID: r.ContactID.ValueString()}
		}
	}
	return fields, diags
}

// ticketUpdateFields builds an update body: what LiveDesk holds (held, as
// just read), overlaid with every value the plan knows. The PUT replaces
// the whole ticket, so starting from what LiveDesk holds keeps what the
// schema does not model (the requester's sub_contact_id and followers)
// and what the plan leaves null; a value the plan sets, empty lists and
// maps included (tags = [] clears the tags), is sent as planned.
func ticketUpdateFields(ctx context.Context, m ticketModel, held *livedesk.Ticket) (livedesk.TicketFields, diag.Diagnostics) {
	fields := held.UpdateFields()
	var diags diag.Diagnostics
	for _, s := range []struct {
		dst   *string
		value types.String
	}{
		{&fields.Title, m.Title}, {&fields.Description, m.Description}, {&fields.AssignmentTeam, m.AssignmentTeam},
		{&fields.Priority, m.Priority}, {&fields.TicketType, m.TicketType},
	} {
		if known(s.value) {
			*s.dst = s.value.ValueString()
		}
	}
	if known(m.SubmitterID) {
		fields.Submitter = &livedesk.TicketSubmitterFields{ID: m.SubmitterID.ValueString()}
	}
	if known(m.CustomFields) {
		custom := map[string]string{}
		diags.Append(m.CustomFields.ElementsAs(ctx, &custom, false)...)
		fields.CustomFields = &custom
	}
	if known(m.Tags) {
		tags := []string{}
		diags.Append(m.Tags.ElementsAs(ctx, &tags, false)...)
		fields.Tags = &tags
	}
	if known(m.AttachmentURLs) {
		var urls []string
		diags.Append(m.AttachmentURLs.ElementsAs(ctx, &urls, false)...)
		fields.Attachments = fileURLs(urls)
	}
	if known(m.Requester) {
		var r ticketRequesterModel
		diags.Append(m.Requester.As(ctx, &r, objectAsOptions)...)
		overlayRequester(&fields, r)
	}
	return fields, diags
}

// overlayRequester sets the requester fields r knows, keeping the rest of
// what fields holds (the channel contact's sub_contact_id and followers).
func overlayRequester(fields *livedesk.TicketFields, r ticketRequesterModel) {
	if fields.Requester == nil {
		fields.Requester = &livedesk.TicketRequesterFields{}
	}
	if known(r.EUID) {
		fields.Requester.EUID = r.EUID.ValueString()
	}
	if !known(r.ChannelID) && !known(r.ContactID) {
		return
	}
	if fields.Requester.ChannelContacts == nil {
		fields.Requester.ChannelContacts = &livedesk.TicketChannelContactFields{}
	}
	if known(r.ChannelID) {
		fields.Requester.ChannelContacts.ChannelID = r.ChannelID.ValueString()
	}
	if known(r.ContactID) {
		fields.Requester.ChannelContacts.ContactID = r.ContactID.ValueString()
	}
}

// known reports whether the plan holds a value for an attribute: neither
// null (nothing configured nor held) nor unknown.
func known(v attr.Value) bool {
	return !v.IsNull() && !v.IsUnknown()
}

// fileURLs is the attachments of a ticket request, one per URL.
func fileURLs(urls []string) *[]livedesk.TicketFileURL {
	files := make([]livedesk.TicketFileURL, 0, len(urls))
	for _, u := range urls {
		files = append(files, livedesk.TicketFileURL{FileURL: u})
	}
	return &files
}

// listElements decodes a known list of strings; null and unknown lists
// leave dst nil.
func listElements(ctx context.Context, l types.List, dst *[]string) diag.Diagnostics {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	return l.ElementsAs(ctx, dst, false)
}

// fileURLProblem explains why value is not the URL of a file, or returns "".
func fileURLProblem(value string) string {
	u, err := url.Parse(value)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Sprintf("%q is not an http(s) URL. LiveDesk takes attachments as URLs of files it can download, such as https://example.com/files/error.jpg.", value)
	}
	return ""
}

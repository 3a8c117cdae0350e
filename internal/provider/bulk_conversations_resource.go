package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

var (
	_ resource.Resource                   = (*conversationsResource)(nil)
	_ resource.ResourceWithConfigure      = (*conversationsResource)(nil)
	_ resource.ResourceWithValidateConfig = (*conversationsResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*conversationsResource)(nil)
	_ resource.ResourceWithImportState    = (*conversationsResource)(nil)
)

// conversationsResource manages livedesk_conversations: many conversations
// of one inbox, seeded concurrently as one Terraform resource.
type conversationsResource struct {
	resourceConfigurer
}

// NewConversationsResource returns the livedesk_conversations resource.
func NewConversationsResource() resource.Resource {
	return &conversationsResource{}
}

// Metadata sets the type name livedesk_conversations.
func (r *conversationsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_conversations"
}

// entryPath is the path of the entry under key.
func entryPath(key string) path.Path {
	return path.Root("conversations").AtMapKey(key)
}

// ValidateConfig checks each entry as livedesk_conversation checks its
// configuration: who the conversation is with, the transcript, and that
// snoozed_until goes with a snoozed status.
func (r *conversationsResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config conversationsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	entries, diags := conversationsEntries(ctx, config.Conversations)
	resp.Diagnostics.Append(diags...)
	for key, e := range entries {
		at := entryPath(key)
		switch {
		case e.Contact != nil && (!e.ContactID.IsNull() || !e.SourceID.IsNull()):
			resp.Diagnostics.AddAttributeError(at.AtName("contact"), "contact excludes contact_id and source_id",
				fmt.Sprintf("Conversation %q sets contact, which creates a new contact, and also names an existing one. Keep contact, or contact_id (or source_id).", key))
		case e.Contact == nil && e.ContactID.IsNull() && e.SourceID.IsNull():
			resp.Diagnostics.AddAttributeError(at, "A conversation needs a contact",
				fmt.Sprintf("Conversation %q names no contact: set contact_id or source_id of an existing contact, or contact to create one.", key))
		}
		messages, diags := transcriptMessages(ctx, e.Messages)
		resp.Diagnostics.Append(diags...)
		resp.Diagnostics.Append(validateTranscript(at.AtName("messages"), messages)...)
		if !e.SnoozedUntil.IsNull() && !e.Status.IsUnknown() && e.Status.ValueString() != livedesk.StatusSnoozed {
			resp.Diagnostics.AddAttributeError(at.AtName("snoozed_until"), "snoozed_until needs status = \"snoozed\"",
				fmt.Sprintf("Conversation %q: snoozed_until says when a snoozed conversation reopens, but status is %q. Set status = \"snoozed\", or remove snoozed_until.",
					key, e.Status.ValueString()))
		}
	}
}

// ModifyPlan plans every entry as livedesk_conversation plans its one
// conversation (planTranscript, plannedStatus), keeping what LiveDesk
// already holds: an entry not created yet, or not completely (after a
// failed apply), plans only what is missing; an entry whose sent messages
// change plans a new conversation for that key alone, with a warning. It
// warns about removed keys and about a destroy that leaves conversations
// as they are.
func (r *conversationsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		r.warnDestroy(ctx, req, resp)
		return
	}
	var plan conversationsModel
	var configured map[string]conversationsEntry
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("conversations"), &configured)...)
	var state conversationsModel
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	held, diags := heldEntries(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	planned, diags := conversationsEntries(ctx, plan.Conversations)
	resp.Diagnostics.Append(diags...)
	prior, diags := conversationsEntries(ctx, state.Conversations)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || plan.Conversations.IsUnknown() {
		return
	}
	plan.ID = types.StringValue(plan.InboxID.ValueString())
	adopting := held != nil
	for key, p := range planned {
		var was *conversationsEntry
		if s, ok := prior[key]; ok {
			was = &s
		}
		target := entriesTarget{inboxID: plan.InboxID.Int64(), key: key, entries: prior}
		planned[key] = planEntry(ctx, key, p, configured[key], was, adopting, held[key], plan.ResolveOnDestroy.ValueBool(), target, &resp.Diagnostics)
	}
	for _, key := range sortedKeys(prior) {
		if _, kept := planned[key]; kept || prior[key].ID.IsNull() {
			continue
		}
		fate := "resolved"
		if !plan.ResolveOnDestroy.ValueBool() {
			fate = "left as it is (resolve_on_destroy = false)"
		}
		detail := fmt.Sprintf("Conversation %q (%s) is no longer in the configuration: it will be %s and removed from the state; LiveDesk cannot delete it or its messages.",
			key, prior[key].ID.ValueString(), fate)
		if prior[key].Contact != nil {
			detail += fmt.Sprintf(" Its contact %s is forgotten and stays in LiveDesk.", prior[key].Contact.ID.ValueString())
		}
		resp.Diagnostics.AddAttributeWarning(entryPath(key), fmt.Sprintf("Conversation %q will be %s", key, strings.Fields(fate)[0]), detail)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	plan.Conversations, diags = conversationsValue(ctx, planned)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// planEntry plans the entry under key: p is what Terraform planned, c what
// the configuration says, was what the state records (nil for a new key).
// adopting is set on the first plan after an import; held are then the
// ids of the messages the key's conversation was imported with.
// resolve says whether a replaced conversation is resolved; target writes
// the import id in advice.
func planEntry(ctx context.Context, key string, p, c conversationsEntry, was *conversationsEntry, adopting bool, held []int64, resolve bool,
	target conversation.ImportTarget, diags *diag.Diagnostics) conversationsEntry {
	at := entryPath(key)
	created := was != nil && !was.ID.IsNull()
	if p.Contact != nil && adopting && created && was.Contact == nil {
		diags.AddAttributeError(at.AtName("contact"), "An imported conversation cannot adopt an inline contact",
			fmt.Sprintf("Conversation %q was imported by its id, which does not say who its contact is, and contact would create a new one. "+
				"Set contact_id (or source_id) of the conversation's contact instead of contact for this entry.", key))
		return p
	}
	if p.Contact != nil {
		p.Contact.ID, p.Contact.SourceID = unknownID(), types.StringUnknown()
		if was != nil && was.Contact != nil && !was.Contact.ID.IsNull() {
			p.Contact.ID, p.Contact.SourceID = was.Contact.ID, was.Contact.SourceID
		}
		p.ContactID = p.Contact.ID
	} else if c.ContactID.IsNull() {
		p.ContactID = unknownID()
		if created {
			p.ContactID = was.ContactID
		}
	}
	var sent []transcriptMessage
	replace := ""
	if created {
		var d diag.Diagnostics
		sent, d = transcriptMessages(ctx, was.Messages)
		diags.Append(d...)
		replace = contactChange(p, c, *was, adopting)
	}
	if !adopting {
		held = nil
	}
	in := transcriptInput{At: at.AtName("messages"), List: p.Messages, Sent: sent, Held: held, Target: target}
	if created {
		in.ConversationID = was.ID.ValueString()
	}
	transcript := planTranscript(ctx, in, diags)
	if diags.HasError() {
		return p
	}
	if created && replace == "" {
		replace = transcript.Change
	}
	if replace != "" {
		summary, detail := conversation.ReplacementWarning(fmt.Sprintf("Conversation %q", key), was.ID.ValueString(), replace, resolve)
		diags.AddAttributeWarning(at, summary, detail+" The other conversations are not touched.")
		transcript = planTranscript(ctx, transcriptInput{At: at.AtName("messages"), List: p.Messages, Target: target}, diags)
		created = false
	}
	if created {
		p.ID, p.UUID, p.CreatedAt = was.ID, was.UUID, was.CreatedAt
		p.Status = planStatus(at.AtName("status"), conversation.StatusRule{
			Conversation: was.ID.ValueString(),
			Configured:   engineStatus(c.Status, c.SnoozedUntil),
			Prior:        priorStatus(was.Status, was.SnoozedUntil, adopting),
			Directions:   directionsOf(transcript.newMessages()),
			Undecided:    transcript.MayReplace(),
		}, diags)
		if adopting && len(held) == 0 && len(transcript.Messages) > 0 {
			summary, detail := conversation.UnadoptedWarning(was.ID.ValueString(), len(transcript.Messages), target)
			diags.AddAttributeWarning(at.AtName("messages"), summary, detail)
		}
	} else {
		p.ID, p.UUID, p.CreatedAt = unknownID(), types.StringUnknown(), types.Int64Unknown()
		if c.Status.IsNull() {
			p.Status = types.StringUnknown()
		}
	}
	if transcript.Known {
		var d diag.Diagnostics
		p.Messages, d = transcriptValue(ctx, p.Messages, transcript.Messages)
		diags.Append(d...)
	}
	return p
}

// contactChange says why the entry's conversation must be replaced
// because it is now with another contact, or "".
func contactChange(p, c, was conversationsEntry, adopting bool) string {
	switch {
	case adopting:
		return ""
	case (p.Contact == nil) != (was.Contact == nil):
		return "its contact changed between an inline contact and an existing one"
	case !c.ContactID.IsNull() && !c.ContactID.IsUnknown() && !c.ContactID.Equal(was.ContactID):
		return fmt.Sprintf("its contact_id changed from %s to %s", was.ContactID.ValueString(), c.ContactID.ValueString())
	case !c.SourceID.IsUnknown() && !c.SourceID.Equal(was.SourceID):
		return "its source_id changed"
	}
	return ""
}

// warnDestroy tells, at plan time, what destroying the conversations does
// when it leaves them as they are.
func (r *conversationsResource) warnDestroy(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() {
		return
	}
	var state conversationsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if !state.ResolveOnDestroy.ValueBool() {
		resp.Diagnostics.AddWarning(fmt.Sprintf("The conversations of inbox %s will be left as they are", state.InboxID.ValueString()),
			"resolve_on_destroy = false and LiveDesk has no API to delete a conversation, so destroying them only removes them from the "+
				"Terraform state: the conversations, their messages and their inline contacts stay in LiveDesk.")
	}
}

// Create seeds every entry (see seedEntries). The state records what was
// created for each key, also when some failed.
func (r *conversationsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan conversationsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	planned, diags := conversationsEntries(ctx, plan.Conversations)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	var configured map[string]conversationsEntry
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("conversations"), &configured)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.apply(ctx, &plan, planned, nil, configured, nil, true, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Update seeds new keys and what is missing of the others, sends appended
// messages and changed statuses, replaces the conversations planned new,
// and resolves those of removed keys.
func (r *conversationsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state conversationsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	held, diags := heldEntries(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	planned, diags := conversationsEntries(ctx, plan.Conversations)
	resp.Diagnostics.Append(diags...)
	prior, diags := conversationsEntries(ctx, state.Conversations)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	var configured map[string]conversationsEntry
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("conversations"), &configured)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.apply(ctx, &plan, planned, prior, configured, held, false, &resp.Diagnostics)
	resp.Diagnostics.Append(endAdoption(ctx, resp.Private)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// apply runs the seeding of planned against prior and records the result
// in plan. creating is set for Create, after which a failure taints the
// resource.
func (r *conversationsResource) apply(ctx context.Context, plan *conversationsModel, planned, prior, configured map[string]conversationsEntry,
	held map[string][]int64, creating bool, diags *diag.Diagnostics) {
	s := seeding{data: r.data, inboxID: plan.InboxID, resolve: plan.ResolveOnDestroy.ValueBool(), adopting: held != nil, held: held,
		configured: configured, prior: prior, warnings: &warnings{}}
	results, failures := s.run(ctx, int(plan.MaxParallel.ValueInt64()), planned, prior)
	diags.Append(s.warnings.diags...)
	if len(failures) > 0 {
		diags.AddError(fmt.Sprintf("%d of %d conversations were not completely seeded", len(failures), len(planned)), failureReport(failures, creating))
	}
	value, d := conversationsValue(ctx, results)
	diags.Append(d...)
	plan.Conversations = value
	plan.ID = types.StringValue(plan.InboxID.ValueString())
}

// failureReport lists the failed keys, each with what went wrong and the
// way forward, in key order.
func failureReport(failures map[string]string, creating bool) string {
	var b strings.Builder
	b.WriteString("The state records what was created for every key, and the other conversations are complete.")
	if creating {
		b.WriteString(" Terraform marks the resource tainted after a failed create: run terraform untaint <address> first, so that the next apply " +
			"completes only what is missing below instead of replacing every conversation.")
	}
	for _, key := range sortedKeys(failures) {
		fmt.Fprintf(&b, "\n\n%q: %s", key, failures[key])
	}
	return b.String()
}

// sortedKeys are the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for key := range m {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	return keys
}

// Read sends nothing for conversations and messages (LiveDesk documents no
// way to read them) and refreshes the inline contacts by walking the
// contact list once, newest first, until all of them are found.
func (r *conversationsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state conversationsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	entries, diags := conversationsEntries(ctx, state.Conversations)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	wanted := map[int64]bool{}
	for _, e := range entries {
		if e.Contact != nil && !e.Contact.ID.IsNull() {
			wanted[e.Contact.ID.Int64()] = true
		}
	}
	if len(wanted) == 0 {
		return
	}
	// One walk through the list, newest first (where the contacts this
	// resource created are), which stops once every contact is found. A
	// contact created meanwhile shifts the pages by one, and Find skips
	// what it has seen, so that none is missed.
	found, err := r.data.client.Contacts.Find(ctx, livedesk.ListContactsOptions{Descending: true}, len(wanted),
		func(c livedesk.Contact) bool { return wanted[int64(c.ID)] })
	if err != nil {
		resp.Diagnostics.AddError("Cannot refresh the inline contacts", r.data.explain(err))
		return
	}
	byID := map[int64]*livedesk.Contact{}
	for i := range found {
		byID[int64(found[i].ID)] = &found[i]
	}
	for _, key := range sortedKeys(entries) {
		e := entries[key]
		if e.Contact == nil || e.Contact.ID.IsNull() {
			continue
		}
		contact := byID[e.Contact.ID.Int64()]
		if contact == nil {
			resp.Diagnostics.AddAttributeWarning(entryPath(key).AtName("contact"), "Contact no longer found in LiveDesk",
				fmt.Sprintf("Contact %s of conversation %q is not in LiveDesk's contact list; the state keeps it as it was.", e.Contact.ID.ValueString(), key))
			continue
		}
		m := e.Contact.contactModel(state.InboxID)
		resp.Diagnostics.Append(refreshContact(ctx, &m, contact)...)
		refreshed := *e.Contact
		refreshed.refreshFrom(m)
		e.Contact = &refreshed
		entries[key] = e
	}
	state.Conversations, diags = conversationsValue(ctx, entries)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Delete resolves every conversation (LiveDesk has no delete) unless
// resolve_on_destroy is false; inline contacts are forgotten.
func (r *conversationsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state conversationsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	entries, diags := conversationsEntries(ctx, state.Conversations)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || !state.ResolveOnDestroy.ValueBool() {
		return
	}
	s := seeding{data: r.data, inboxID: state.InboxID, resolve: true}
	failures := s.resolveAll(ctx, int(state.MaxParallel.ValueInt64()), entries)
	if len(failures) > 0 {
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot resolve %d conversations", len(failures)), failureReport(failures, false)+
			"\n\nThe resource is kept in the state. Retry, or set resolve_on_destroy = false to forget the conversations without resolving them.")
	}
}

// ImportState adopts conversations by their ids (see
// parseConversationsImportID). Nothing can be read back, so the rest comes
// from the configuration on the next apply.
func (r *conversationsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	inboxID, imported, err := conversation.ParseEntriesImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid livedesk_conversations import id", fmt.Sprintf(
			"Import the conversations of an inbox as <inbox id>:<key>=<conversation id>;<key>=<conversation id>, where each conversation id may be "+
				"followed by the ids of the messages it already holds, in transcript order, such as 1:alice=407/3031,3032;bob=408: %v", err))
		return
	}
	entries := map[string]conversationsEntry{}
	held := map[string][]int64{}
	for key, conv := range imported {
		entries[key] = importedEntry(conv.ID)
		held[key] = conv.Held
	}
	value, diags := conversationsValue(ctx, entries)
	resp.Diagnostics.Append(diags...)
	state := conversationsModel{ID: types.StringValue(formatID(inboxID)), InboxID: newID(inboxID), MaxParallel: types.Int64Value(defaultMaxParallel),
		ResolveOnDestroy: types.BoolValue(true), Conversations: value}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(startEntriesAdoption(ctx, resp.Private, held)...)
	resp.Diagnostics.Append(importNotice("conversation", "each entry's contact, status and messages"))
}

// importedEntry is the state of an imported conversation: its id alone.
func importedEntry(id int64) conversationsEntry {
	return conversationsEntry{ContactID: nullID(), SourceID: types.StringNull(), Status: types.StringNull(), SnoozedUntil: types.StringNull(),
		Messages: types.ListNull(transcriptElementType), ID: newID(id), UUID: types.StringNull(), CreatedAt: types.Int64Null()}
}

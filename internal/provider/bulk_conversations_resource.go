package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// bulkResource is livedesk_conversations' logic: many conversations of
// one inbox, seeded concurrently as one Terraform resource. Its rules are
// the conversation engine's (internal/conversation); bulkServer carries
// its values to and from Terraform.
type bulkResource struct {
	// data is the configured client; nil while Terraform only validates.
	data  *providerData
	types bulkTypes
}

// entryPath is the path of the entry under key.
func entryPath(key string) path.Path {
	return path.Root("conversations").AtMapKey(key)
}

// validate checks each entry as livedesk_conversation checks its
// configuration: who the conversation is with, the transcript, and that
// snoozed_until goes with a snoozed status. It refuses one inline contact
// under two keys, which LiveDesk would refuse for the second key only
// after the first was created.
func (r *bulkResource) validate(config bulkModel, diags *diag.Diagnostics) {
	contacts := map[string]string{}
	for _, key := range sortedKeys(config.Entries) {
		e := config.Entries[key]
		if e.Unknown {
			continue
		}
		at := entryPath(key)
		hasContact := e.Contact != nil || e.ContactUnknown
		switch {
		case hasContact && (!e.ContactID.IsNull() || !e.SourceID.IsNull()):
			diags.AddAttributeError(at.AtName("contact"), "contact excludes contact_id and source_id",
				fmt.Sprintf("Conversation %q sets contact, which creates a new contact, and also names an existing one. Keep contact, or contact_id (or source_id).", key))
		case !hasContact && e.ContactID.IsNull() && e.SourceID.IsNull():
			diags.AddAttributeError(at, "A conversation needs a contact",
				fmt.Sprintf("Conversation %q names no contact: set contact_id or source_id of an existing contact, or contact to create one.", key))
		}
		if e.Contact != nil {
			r.checkContactUnique(key, e.Contact, contacts, diags)
		}
		if !e.Messages.Unknown {
			diags.Append(validateTranscript(at.AtName("messages"), validationView(e.Messages.List))...)
		}
		if !e.SnoozedUntil.IsNull() && !e.Status.IsUnknown() && e.Status.Get() != livedesk.StatusSnoozed {
			diags.AddAttributeError(at.AtName("snoozed_until"), "snoozed_until needs status = \"snoozed\"",
				fmt.Sprintf("Conversation %q: snoozed_until says when a snoozed conversation reopens, but status is %q. Set status = \"snoozed\", or remove snoozed_until.",
					key, e.Status.Get()))
		}
	}
}

// checkContactUnique refuses an inline contact whose email, identifier or
// phone number an earlier key's inline contact has (seen holds those, by
// attribute and value, with their key): LiveDesk keeps them unique in a
// project.
func (r *bulkResource) checkContactUnique(key string, c *bulkContact, seen map[string]string, diags *diag.Diagnostics) {
	for _, unique := range []struct {
		attr  string
		value conversation.Value[string]
	}{{"email", c.Email}, {"identifier", c.Identifier}, {"phone_number", c.PhoneNumber}} {
		if !unique.value.IsKnown() {
			continue
		}
		value := unique.value.Get()
		if unique.attr == "email" {
			value = strings.ToLower(value)
		}
		id := unique.attr + "=" + value
		if other, taken := seen[id]; taken {
			diags.AddAttributeError(entryPath(key).AtName("contact").AtName(unique.attr), "One inline contact under two keys",
				fmt.Sprintf("Conversations %q and %q both create a contact with %s %q, which LiveDesk keeps unique in a project, so the second create would fail "+
					"after the first. Give each inline contact its own %s, or create the contact once (livedesk_contact) and name it with contact_id in both entries.",
					other, key, unique.attr, unique.value.Get(), unique.attr))
			continue
		}
		seen[id] = key
	}
}

// validationView is a transcript as validateTranscript reads it, the
// checks livedesk_conversation's transcripts share.
func validationView(messages []bulkMessage) []transcriptMessage {
	out := make([]transcriptMessage, len(messages))
	for i, m := range messages {
		if m.Unknown {
			out[i] = transcriptMessage{Content: types.StringUnknown(), MessageType: types.StringUnknown(), Private: types.BoolUnknown(),
				Files: types.ListUnknown(types.StringType), ReplyTo: types.Int64Unknown(), InReplyTo: unknownID()}
			continue
		}
		files, _ := types.ListType{ElemType: types.StringType}.ValueFromTerraform(context.Background(), m.FilesValue)
		list, _ := files.(types.List)
		out[i] = transcriptMessage{Content: stringFrom(m.Content), MessageType: stringFrom(m.Type), Private: boolFrom(m.Private), Files: list,
			ReplyTo: int64From(m.ReplyTo), InReplyTo: idFrom(m.InReplyTo)}
	}
	return out
}

// plan plans the configuration against the prior state (nil for a
// create). Each entry is planned as a livedesk_conversation, with the
// engine (see planEntry), keeping what LiveDesk already holds. It warns
// about removed keys, and refuses a change of inbox_id.
func (r *bulkResource) plan(ctx context.Context, config, prior *bulkModel, private rawPrivate, diags *diag.Diagnostics) bulkModel {
	held, d := heldEntries(ctx, private)
	diags.Append(d...)
	adopting := held != nil
	p := bulkModel{ID: config.InboxID, InboxID: config.InboxID, MaxParallel: config.MaxParallel, ResolveOnDestroy: config.ResolveOnDestroy}
	if p.MaxParallel.IsNull() {
		p.MaxParallel = conversation.Known[int64](defaultMaxParallel)
	}
	if p.ResolveOnDestroy.IsNull() {
		p.ResolveOnDestroy = conversation.Known(true)
	}
	var priorEntries map[string]*bulkEntry
	if prior != nil {
		priorEntries = prior.Entries
		if !adopting && config.InboxID.IsKnown() && !config.InboxID.Equal(prior.InboxID) {
			diags.AddAttributeError(path.Root("inbox_id"), "inbox_id cannot change", inboxChange(prior.InboxID.Get(), config.InboxID.Get()))
			return p
		}
	}
	if config.Unknown {
		p.Unknown = true
		return p
	}
	resolve := p.ResolveOnDestroy.Get()
	p.Entries = make(map[string]*bulkEntry, len(config.Entries))
	for key, c := range config.Entries {
		target := entriesTarget{inboxID: idNumber(p.InboxID), key: key, entries: priorEntries}
		p.Entries[key] = r.planEntry(ctx, key, c, priorEntries[key], adopting, held[key], resolve, target, diags)
	}
	for _, key := range sortedKeys(priorEntries) {
		if _, kept := p.Entries[key]; kept || !priorEntries[key].ID.IsKnown() {
			continue
		}
		fate := "resolved"
		if !resolve {
			fate = "left as it is (resolve_on_destroy = false)"
		}
		detail := fmt.Sprintf("Conversation %q (%s) is no longer in the configuration: it will be %s and removed from the state; LiveDesk cannot delete it or its messages.",
			key, priorEntries[key].ID.Get(), fate)
		if c := priorEntries[key].Contact; c != nil {
			detail += fmt.Sprintf(" Its contact %s is forgotten and stays in LiveDesk.", c.ID.Get())
		}
		diags.AddAttributeWarning(entryPath(key), fmt.Sprintf("Conversation %q will be %s", key, strings.Fields(fate)[0]), detail)
	}
	return p
}

// inboxChange says why inbox_id cannot change, and what to do.
func inboxChange(from, to string) string {
	return fmt.Sprintf("inbox_id changes from %s to %s, but LiveDesk cannot move conversations or contacts between inboxes, and replacing them "+
		"would resolve every conversation and create every contact again. Set inbox_id back to %s; to seed inbox %s, add another "+
		"livedesk_conversations resource.", from, to, from, to)
}

// planEntry plans the entry under key: c is what the configuration says,
// was what the state records (nil for a new key). adopting is set on the
// first plan after an import; held are then the ids of the messages the
// key's conversation was imported with. resolve says whether a replaced
// conversation is resolved; target writes the import id in advice.
func (r *bulkResource) planEntry(ctx context.Context, key string, c, was *bulkEntry, adopting bool, held []int64, resolve bool,
	target conversation.ImportTarget, diags *diag.Diagnostics) *bulkEntry {
	if c.Unknown {
		return &bulkEntry{Unknown: true}
	}
	at := entryPath(key)
	p := *c
	created := was != nil && was.ID.IsKnown()
	if p.Contact != nil && adopting && created && was.Contact == nil {
		diags.AddAttributeError(at.AtName("contact"), "An imported conversation cannot adopt an inline contact",
			fmt.Sprintf("Conversation %q was imported by its id, which does not say who its contact is, and contact would create a new one. "+
				"Set contact_id (or source_id) of the conversation's contact instead of contact for this entry.", key))
		return &p
	}
	switch {
	case p.ContactUnknown:
		p.ContactID = conversation.Unknown[string]()
	case p.Contact != nil:
		contact := *p.Contact
		contact.ID, contact.SourceID = conversation.Unknown[string](), conversation.Unknown[string]()
		if was != nil && was.Contact != nil {
			if was.Contact.ID.IsKnown() {
				contact.ID, contact.SourceID = was.Contact.ID, was.Contact.SourceID
			}
			if sameAddress(contact.Email, was.Contact.Email) {
				contact.Email = was.Contact.Email // LiveDesk holds the same address
			}
		}
		p.Contact = &contact
		p.ContactID = contact.ID
	case c.ContactID.IsNull():
		p.ContactID = conversation.Unknown[string]()
		if created {
			p.ContactID = was.ContactID
		}
	}
	var sent []bulkMessage
	replace := ""
	if created {
		sent = was.Messages.List
		replace = contactChange(&p, was, adopting)
	}
	if !adopting {
		held = nil
	}
	in := bulkTranscriptInput{at: at.AtName("messages"), list: p.Messages, sent: sent, held: held, target: target}
	if created {
		in.conversationID = was.ID.Get()
	}
	transcript := r.planTranscript(in, diags)
	if diags.HasError() {
		return &p
	}
	if created && replace == "" {
		replace = transcript.Change
	}
	if replace != "" {
		summary, detail := conversation.ReplacementWarning(fmt.Sprintf("Conversation %q", key), was.ID.Get(), replace, resolve)
		diags.AddAttributeWarning(at, summary, detail+" The other conversations are not touched.")
		transcript = r.planTranscript(bulkTranscriptInput{at: at.AtName("messages"), list: p.Messages, target: target}, diags)
		created = false
	}
	if created {
		p.ID, p.UUID, p.CreatedAt = was.ID, was.UUID, was.CreatedAt
		p.Status = engineString(planStatus(at.AtName("status"), conversation.StatusRule{
			Conversation: was.ID.Get(),
			Configured:   conversation.Status{Value: c.Status, SnoozedUntil: c.SnoozedUntil},
			Prior:        recordedPrior(was, adopting),
			Directions:   bulkDirections(transcript.newMessages()),
			Undecided:    transcript.MayReplace(),
		}, diags))
		if adopting && len(held) == 0 && len(transcript.messages.List) > 0 {
			summary, detail := conversation.UnadoptedWarning(was.ID.Get(), len(transcript.messages.List), target)
			diags.AddAttributeWarning(at.AtName("messages"), summary, detail)
		}
	} else {
		p.ID, p.UUID, p.CreatedAt = conversation.Unknown[string](), conversation.Unknown[string](), conversation.Unknown[int64]()
		if c.Status.IsNull() {
			p.Status = conversation.Unknown[string]()
		}
	}
	if transcript.Known {
		p.Messages = transcript.messages
	}
	return &p
}

// sameAddress reports whether two emails are known and differ in case
// alone (see emailValue).
func sameAddress(a, b conversation.Value[string]) bool {
	return a.IsKnown() && b.IsKnown() && strings.EqualFold(a.Get(), b.Get())
}

// recordedPrior is what LiveDesk holds before this apply's messages, as
// the state records it (see priorStatus).
func recordedPrior(was *bulkEntry, adopting bool) conversation.Status {
	if adopting {
		return conversation.UnknownStatus()
	}
	return conversation.Status{Value: was.Status, SnoozedUntil: was.SnoozedUntil}
}

// contactChange says why the entry's conversation must be replaced
// because it is now with another contact, or "".
func contactChange(p, was *bulkEntry, adopting bool) string {
	switch {
	case adopting || p.ContactUnknown:
		return ""
	case (p.Contact == nil) != (was.Contact == nil):
		return "its contact changed between an inline contact and an existing one"
	case p.Contact == nil && p.ContactID.IsKnown() && !p.ContactID.Equal(was.ContactID):
		return fmt.Sprintf("its contact_id changed from %s to %s", was.ContactID.Get(), p.ContactID.Get())
	case !p.SourceID.IsUnknown() && !p.SourceID.Equal(was.SourceID):
		return "its source_id changed"
	}
	return ""
}

// warnDestroy tells, at plan time, what destroying the conversations
// leaves in LiveDesk.
func (r *bulkResource) warnDestroy(prior *bulkModel, diags *diag.Diagnostics) {
	if prior == nil {
		return
	}
	contacts := 0
	for _, e := range prior.Entries {
		if e.Contact != nil && e.Contact.ID.IsKnown() {
			contacts++
		}
	}
	if !prior.ResolveOnDestroy.Get() {
		diags.AddWarning(fmt.Sprintf("The conversations of inbox %s will be left as they are", prior.InboxID.Get()),
			"resolve_on_destroy = false and LiveDesk has no API to delete a conversation, so destroying them only removes them from the "+
				"Terraform state: the conversations, their messages and their inline contacts stay in LiveDesk.")
		return
	}
	if contacts > 0 {
		diags.AddWarning(fmt.Sprintf("%d inline contacts stay in LiveDesk", contacts),
			"Destroying livedesk_conversations resolves its conversations and forgets its inline contacts: LiveDesk has no API to delete "+
				"a contact, so they stay in the inbox, and seeding the same contacts again fails on their email, identifier or phone number. "+
				"Delete them in the LiveDesk console, or name them with contact_id in a new configuration.")
	}
}

// apply runs the seeding of planned against prior (nil for a create) and
// returns the state: what was created for every key, also when some
// failed.
func (r *bulkResource) apply(ctx context.Context, planned, prior, config *bulkModel, private rawPrivate, diags *diag.Diagnostics) bulkModel {
	held, d := heldEntries(ctx, private)
	diags.Append(d...)
	var priorEntries map[string]*bulkEntry
	if prior != nil {
		priorEntries = prior.Entries
		if held == nil && !planned.InboxID.Equal(prior.InboxID) {
			diags.AddAttributeError(path.Root("inbox_id"), "inbox_id cannot change", inboxChange(prior.InboxID.Get(), planned.InboxID.Get()))
			return *prior
		}
	}
	var configured map[string]*bulkEntry
	if config != nil {
		configured = config.Entries
	}
	s := seeding{data: r.data, types: r.types, inboxID: idNumber(planned.InboxID), resolve: planned.ResolveOnDestroy.Get(), adopting: held != nil,
		held: held, configured: configured, prior: priorEntries, warnings: &warnings{}}
	results, failures := s.run(ctx, int(planned.MaxParallel.Get()), planned.Entries, priorEntries)
	warnDirections(diags, s.warnings.list)
	if len(failures) > 0 {
		diags.AddError(fmt.Sprintf("%d of %d conversations were not completely seeded", len(failures), len(planned.Entries)), failureReport(failures, prior == nil))
	}
	diags.Append(endAdoption(ctx, private)...)
	state := *planned
	state.ID = planned.InboxID
	state.Entries = results
	return state
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

// read sends nothing for conversations and messages (LiveDesk documents
// no way to read them) and refreshes the inline contacts by walking the
// contact list once, newest first, until all of them are found. It
// reports whether it changed the state.
func (r *bulkResource) read(ctx context.Context, state *bulkModel, diags *diag.Diagnostics) bool {
	wanted := map[int64]bool{}
	for _, e := range state.Entries {
		if e.Contact != nil && e.Contact.ID.IsKnown() {
			wanted[idNumber(e.Contact.ID)] = true
		}
	}
	if len(wanted) == 0 {
		return false
	}
	if r.data == nil {
		diags.AddError("The livedesk provider is not configured", "Terraform refreshed livedesk_conversations before configuring the provider. This is a bug in the provider: report it.")
		return false
	}
	// One walk through the list, newest first (where the contacts this
	// resource created are), which stops once every contact is found. A
	// contact created meanwhile shifts the pages by one, and Find skips
	// what it has seen, so that none is missed.
	found, err := r.data.client.Contacts.Find(ctx, livedesk.ListContactsOptions{Descending: true}, len(wanted),
		func(c livedesk.Contact) bool { return wanted[int64(c.ID)] })
	if err != nil {
		diags.AddError("Cannot refresh the inline contacts", r.data.explain(err))
		return false
	}
	byID := map[int64]*livedesk.Contact{}
	for i := range found {
		byID[int64(found[i].ID)] = &found[i]
	}
	for _, key := range sortedKeys(state.Entries) {
		e := state.Entries[key]
		if e.Contact == nil || !e.Contact.ID.IsKnown() {
			continue
		}
		contact := byID[idNumber(e.Contact.ID)]
		if contact == nil {
			diags.AddAttributeWarning(entryPath(key).AtName("contact"), "Contact no longer found in LiveDesk",
				fmt.Sprintf("Contact %s of conversation %q is not in LiveDesk's contact list; the state keeps it as it was.", e.Contact.ID.Get(), key))
			continue
		}
		m := e.Contact.contactModel(ctx, state.InboxID)
		diags.Append(refreshContact(ctx, &m, contact)...)
		refreshed := *e.Contact
		refreshed.refreshFrom(ctx, m)
		e.Contact = &refreshed
	}
	return true
}

// destroy resolves every conversation (LiveDesk has no delete) unless
// resolve_on_destroy is false; inline contacts are forgotten. It reports
// whether the resource is gone.
func (r *bulkResource) destroy(ctx context.Context, state *bulkModel, diags *diag.Diagnostics) bool {
	if state == nil || !state.ResolveOnDestroy.Get() {
		return true
	}
	s := seeding{data: r.data, types: r.types, inboxID: idNumber(state.InboxID), resolve: true}
	failures := s.resolveAll(ctx, int(state.MaxParallel.Get()), state.Entries)
	if len(failures) > 0 {
		diags.AddError(fmt.Sprintf("Cannot resolve %d conversations", len(failures)), failureReport(failures, false)+
			"\n\nThe resource is kept in the state. Retry, or set resolve_on_destroy = false to forget the conversations without resolving them.")
		return false
	}
	return true
}

// importState adopts conversations by their ids (see
// conversation.ParseEntriesImportID) and marks the import in private.
// Nothing can be read back, so the rest comes from the configuration on
// the next apply.
func (r *bulkResource) importState(importID string, private rawPrivate, diags *diag.Diagnostics) (bulkModel, bool) {
	inboxID, imported, err := conversation.ParseEntriesImportID(importID)
	if err != nil {
		diags.AddError("Invalid livedesk_conversations import id", fmt.Sprintf(
			"Import the conversations of an inbox as <inbox id>:<key>=<conversation id>;<key>=<conversation id>, where each conversation id may be "+
				"followed by the ids of the messages it already holds, in transcript order, such as 1:alice=407/3031,3032;bob=408: %v", err))
		return bulkModel{}, false
	}
	entries := map[string]*bulkEntry{}
	held := map[string][]int64{}
	for key, conv := range imported {
		entries[key] = r.importedEntry(conv.ID)
		held[key] = conv.Held
	}
	diags.Append(startEntriesAdoption(context.Background(), private, held)...)
	return bulkModel{ID: idString(inboxID), InboxID: idString(inboxID), MaxParallel: conversation.Known[int64](defaultMaxParallel),
		ResolveOnDestroy: conversation.Known(true), Entries: entries}, true
}

// importedEntry is the state of an imported conversation: its id alone.
func (r *bulkResource) importedEntry(id int64) *bulkEntry {
	return &bulkEntry{ID: idString(id), Messages: bulkMessages{Null: true}}
}

package provider

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/tfwire"
)

// bulkResource is livedesk_conversations' logic: many conversations of
// one inbox, seeded concurrently as one Terraform resource. Its rules are
// the conversation engine's (internal/conversation); bulkServer carries
// its values to and from Terraform.
type bulkResource struct {
	// data is the configured client; nil while Terraform only validates.
	data     *providerData
	defaults messageDefaults
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
			// Checked once known, at apply's plan.
			out[i] = transcriptMessage{Content: types.StringUnknown(), MessageType: types.StringNull(), Private: types.BoolNull(),
				Files: types.ListNull(types.StringType), ReplyTo: types.Int64Null(), InReplyTo: nullID()}
			continue
		}
		out[i] = transcriptMessage{Content: stringFrom(m.Content), MessageType: stringFrom(m.Type), Private: boolFrom(m.Private), Files: frameworkStrings(m.FilesValue),
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
	markSeeded(ctx, prior, private, diags)
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
	for _, c := range config.Entries {
		r.defaults.apply(c.Messages.List)
	}
	moves := map[string]string{}
	if !adopting {
		moves = plannedMoves(config.Entries, priorEntries)
	}
	p.Entries = make(map[string]*bulkEntry, len(config.Entries))
	for key, c := range config.Entries {
		target := entriesTarget{inboxID: idNumber(p.InboxID), key: key, entries: priorEntries}
		was := priorEntries[key]
		if from, moved := moves[key]; moved {
			was = priorEntries[from]
			diags.AddAttributeWarning(entryPath(key), fmt.Sprintf("Conversation %q moves to key %q", from, key),
				fmt.Sprintf("Key %q is gone and key %q has its contact and its messages: conversation %s and its contact are kept under the new key. "+
					"Nothing is sent, created or resolved for it.", from, key, was.ID.Get()))
		}
		p.Entries[key] = r.planEntry(key, c, was, adopting, held[key], resolve, target, diags)
	}
	movedFrom := map[string]bool{}
	for _, from := range moves {
		movedFrom[from] = true
	}
	for _, key := range sortedKeys(priorEntries) {
		if _, kept := p.Entries[key]; kept || movedFrom[key] || !priorEntries[key].ID.IsKnown() {
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

// seededKey is the private-state key of a plan that would replace a
// livedesk_conversations whose state records entries: it holds how many.
// It is never stored (see endReplacementGuard). Terraform plans a
// replacement (asked for with -replace, or of a resource tainted after a
// create that failed part way) as a create, with no prior state. Recent
// versions plan it with the private state of a first plan made against
// the state, which markSeeded marks; Terraform 1.5 plans a tainted one
// with no private state, and markReplacement marks it from what this
// process refreshed. Terraform also plans a replacement while it only
// refreshes (terraform refresh), so the plan warns, and the apply refuses
// the destroy that comes first, before any request (see
// refusedReplacement).
const seededKey = "seeded_entries"

// markSeeded marks the plan of a resource whose state records entries,
// and warns about the create planned to replace one.
func markSeeded(ctx context.Context, prior *bulkModel, private rawPrivate, diags *diag.Diagnostics) {
	if prior != nil {
		if len(prior.Entries) > 0 {
			diags.Append(private.SetKey(ctx, seededKey, []byte(strconv.Itoa(len(prior.Entries))))...)
		}
		return
	}
	if n := seededEntries(ctx, private); n > 0 {
		warnReplacement(n, diags)
	}
}

// warnReplacement warns that the replacement of a livedesk_conversations
// whose state records n entries will be refused.
func warnReplacement(n int, diags *diag.Diagnostics) {
	diags.AddWarning("livedesk_conversations will not be replaced", replacementRefused(n)+" The apply stops before any request.")
}

// refusedReplacement refuses, before any request, the destroy of a
// replacement whose plan markReplacement marked. It reports whether it
// refused.
func refusedReplacement(ctx context.Context, private rawPrivate, diags *diag.Diagnostics) bool {
	n := seededEntries(ctx, private)
	if n == 0 {
		return false
	}
	diags.AddError("livedesk_conversations cannot be replaced", replacementRefused(n)+" Nothing was sent: the state is as it was.")
	return true
}

// seededEntries is the number seededKey holds, or 0.
func seededEntries(ctx context.Context, private rawPrivate) int {
	seeded, _ := private.GetKey(ctx, seededKey)
	n, _ := strconv.Atoi(string(seeded))
	return n
}

// replacementRefused says why a livedesk_conversations whose state
// records n entries is not replaced, and what to do.
func replacementRefused(n int) string {
	return fmt.Sprintf("Terraform plans to replace a livedesk_conversations whose state records %d conversations: because a create failed part way "+
		"and Terraform marked it tainted, or because -replace asks for it. A replacement would resolve every conversation, then create every "+
		"conversation and inline contact again, and LiveDesk refuses a contact whose email, identifier or phone number it already holds. "+
		"Run terraform untaint <address> and apply again: that completes only what is missing, sending nothing twice. To seed a new "+
		"conversation for one key, change or rename that key instead.", n)
}

// refreshedStates are the states of livedesk_conversations one provider
// process refreshed that record entries, by inbox: Terraform refreshes a
// tainted resource, then plans its replacement as a create in the same
// process. A create planned for an inbox whose refreshed state records
// one of its keys is taken for that replacement.
type refreshedStates struct {
	mu      sync.Mutex
	byInbox map[string][]map[string]*bulkEntry
}

// add records a refreshed state.
func (r *refreshedStates) add(state *bulkModel) {
	if state == nil || len(state.Entries) == 0 || !state.InboxID.IsKnown() {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.byInbox == nil {
		r.byInbox = map[string][]map[string]*bulkEntry{}
	}
	r.byInbox[state.InboxID.Get()] = append(r.byInbox[state.InboxID.Get()], state.Entries)
}

// markReplacement marks, and warns about, the plan of a create that
// replaces a refreshed state: one of the same inbox sharing a key with
// config. The plan cannot be refused, since Terraform also plans it when
// it only refreshes (terraform refresh); the apply refuses it.
func (r *refreshedStates) markReplacement(ctx context.Context, config *bulkModel, private rawPrivate, diags *diag.Diagnostics) {
	if config == nil || !config.InboxID.IsKnown() {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, entries := range r.byInbox[config.InboxID.Get()] {
		for key := range config.Entries {
			if _, shared := entries[key]; shared {
				if seededEntries(ctx, private) == 0 {
					diags.Append(private.SetKey(ctx, seededKey, []byte(strconv.Itoa(len(entries))))...)
					warnReplacement(len(entries), diags)
				}
				return
			}
		}
	}
}

// endReplacementGuard removes the mark of refuseReplacement from the
// private state an apply stores.
func endReplacementGuard(ctx context.Context, private rawPrivate) diag.Diagnostics {
	return private.SetKey(ctx, seededKey, nil)
}

// plannedMoves finds renamed keys: a key the configuration adds whose
// contact and messages are those of a key it removes, whose conversation
// was created. It returns the removed key of each added one; each removed
// key moves at most once, keys matched in order.
func plannedMoves(configured, prior map[string]*bulkEntry) map[string]string {
	moves := map[string]string{}
	taken := map[string]bool{}
	for _, key := range sortedKeys(configured) {
		c := configured[key]
		if _, had := prior[key]; had || c.Unknown {
			continue
		}
		for _, from := range sortedKeys(prior) {
			was := prior[from]
			if _, kept := configured[from]; kept || taken[from] || !was.ID.IsKnown() || !sameConversation(c, was) {
				continue
			}
			moves[key], taken[from] = from, true
			break
		}
	}
	return moves
}

// sameConversation reports whether the configured entry c describes the
// conversation was records: the same contact, and a transcript whose
// elements sent are unchanged and none missing.
func sameConversation(c, was *bulkEntry) bool {
	switch {
	case c.ContactUnknown || c.Messages.Unknown || !c.SourceID.Equal(was.SourceID):
		return false
	case c.Contact != nil && was.Contact != nil:
		a, b := c.Contact, was.Contact
		if !a.Name.Equal(b.Name) || !a.Email.Equal(b.Email) || !a.PhoneNumber.Equal(b.PhoneNumber) || !a.Identifier.Equal(b.Identifier) {
			return false
		}
	case c.Contact != nil || was.Contact != nil:
		return false
	case c.ContactID.IsKnown() && !c.ContactID.Equal(was.ContactID):
		return false
	}
	sent := was.Messages.List
	if len(c.Messages.List) < len(sent) {
		return false
	}
	plan, err := conversation.PlanTranscript(conversation.TranscriptInput{Planned: engineOf(c.Messages.List[:len(sent)]), Sent: engineOf(sent)})
	return err == nil && plan.Change == "" && !plan.Uncertain
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
func (r *bulkResource) planEntry(key string, c, was *bulkEntry, adopting bool, held []int64, resolve bool,
	target conversation.ImportTarget, diags *diag.Diagnostics) *bulkEntry {
	if c.Unknown {
		return &bulkEntry{Unknown: true}
	}
	at := entryPath(key)
	p := *c
	created := was != nil && was.ID.IsKnown()
	if p.Contact != nil && adopting && created && was.Contact == nil {
		diags.AddAttributeError(at.AtName("contact"), "The import does not name this conversation's inline contact",
			fmt.Sprintf("Conversation %q was imported without its contact, and contact would create a new one. Import it again naming its contact "+
				"after an \"@\": %s. Or set contact_id (or source_id) of the conversation's contact instead of contact for this entry.",
				key, conversation.ImportCommand(target, was.ID.Get(), nil, "<message id>,…@<contact id>")))
		return &p
	}
	switch {
	case p.ContactUnknown:
		p.ContactID = conversation.Unknown[string]()
	case p.Contact != nil:
		contact := *p.Contact
		contact.ID, contact.SourceID = conversation.Unknown[string](), conversation.Unknown[string]()
		if was != nil && was.Contact != nil && was.Contact.ID.IsKnown() {
			contact.ID, contact.SourceID = was.Contact.ID, was.Contact.SourceID
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
		p.ID, p.UUID = was.ID, was.UUID
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
		p.ID, p.UUID = conversation.Unknown[string](), conversation.Unknown[string]()
		if c.Status.IsNull() {
			p.Status = conversation.Unknown[string]()
		}
	}
	if transcript.Known {
		p.Messages = transcript.messages
	}
	return &p
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
	s := seeding{data: r.data, inboxID: idNumber(planned.InboxID), resolve: planned.ResolveOnDestroy.Get(), adopting: held != nil,
		held: held, configured: configured, prior: priorEntries, warnings: &warnings{}, unresolved: &unresolved{}}
	results, failures := s.run(ctx, int(planned.MaxParallel.Get()), planned.Entries, priorEntries)
	diags.Append(s.warnings.diags...)
	if len(failures) > 0 {
		diags.AddError(fmt.Sprintf("%d of %d conversations were not completely seeded", len(failures), len(planned.Entries)), failureReport(failures, prior == nil))
	}
	diags.Append(endAdoption(ctx, private)...)
	diags.Append(endReplacementGuard(ctx, private)...)
	state := *planned
	state.ID = planned.InboxID
	state.Entries = results
	return state
}

// failureReport lists the failed keys, each with what went wrong and the
// way forward, in key order. Requests refused as too many are advised
// max_parallel.
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
	return strings.ReplaceAll(b.String(), lowerParallelism, lowerMaxParallel)
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
// no way to read them) and refreshes the inline contacts without walking
// every page of the contact list (see findContacts). It reports whether
// it changed the state.
func (r *bulkResource) read(ctx context.Context, state *bulkModel, diags *diag.Diagnostics) bool {
	wanted := map[string]*bulkContact{}
	for key, e := range state.Entries {
		if e.Contact != nil && e.Contact.ID.IsKnown() {
			wanted[key] = e.Contact
		}
	}
	if len(wanted) == 0 {
		return false
	}
	if r.data == nil {
		diags.AddError("The livedesk provider is not configured", "Terraform refreshed livedesk_conversations before configuring the provider. This is a bug in the provider: report it.")
		return false
	}
	found, err := r.findContacts(ctx, wanted, int(state.MaxParallel.Get()))
	if err != nil {
		diags.AddError("Cannot refresh the inline contacts", r.data.explain(err))
		return false
	}
	for _, key := range sortedKeys(wanted) {
		e := state.Entries[key]
		contact := found[key]
		if contact == nil {
			diags.AddAttributeWarning(entryPath(key).AtName("contact"), "Contact no longer found in LiveDesk",
				fmt.Sprintf("LiveDesk's contact search finds no contact %s, the contact of conversation %q; the state keeps it as it was.", e.Contact.ID.Get(), key))
			continue
		}
		m := e.Contact.contactModel(state.InboxID)
		diags.Append(refreshContact(ctx, &m, contact)...)
		refreshed := *e.Contact
		refreshed.refreshFrom(ctx, m)
		e.Contact = &refreshed
	}
	return true
}

// findContacts finds the wanted contacts by key, in two steps. The
// contact list, newest first, holds the contacts this resource created on
// its first pages, but only those with an email, phone number or
// identifier (Chatwoot's resolved contacts): it is read for as many pages
// as those need, n pages at once, and one more page if some are missing.
// Each contact it did not show, one with only a name or one created
// before many others, is then searched for by its id (LiveDesk's search
// also matches the contact whose id a numeric q is), at most n at once.
// A contact neither finds is left out.
func (r *bulkResource) findContacts(ctx context.Context, wanted map[string]*bulkContact, n int) (map[string]*livedesk.Contact, error) {
	byID := map[int64]string{}
	listed := 0
	for key, c := range wanted {
		byID[idNumber(c.ID)] = key
		if c.Email.IsKnown() || c.PhoneNumber.IsKnown() || c.Identifier.IsKnown() {
			listed++
		}
	}
	found := map[string]*livedesk.Contact{}
	var failures []error
	var mu sync.Mutex
	full := false // whether the last page read was full
	readPages := func(pages []int) {
		eachLimited(n, pages, func(page int) {
			list, err := r.data.client.Contacts.List(ctx, livedesk.ListContactsOptions{Descending: true, Page: page})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				failures = append(failures, err)
				return
			}
			for i := range list.Contacts {
				if key, ok := byID[int64(list.Contacts[i].ID)]; ok {
					found[key] = &list.Contacts[i]
				}
			}
			if page == pages[len(pages)-1] {
				full = len(list.Contacts) == livedesk.ContactsPageSize
			}
		})
	}
	pages := (listed + livedesk.ContactsPageSize - 1) / livedesk.ContactsPageSize
	if pages > 0 {
		numbers := make([]int, pages)
		for i := range numbers {
			numbers[i] = i + 1
		}
		if readPages(numbers); len(failures) == 0 && full && len(found) < listed {
			readPages([]int{pages + 1})
		}
	}
	if len(failures) > 0 {
		return nil, failures[0]
	}
	var missing []string
	for key := range wanted {
		if found[key] == nil {
			missing = append(missing, key)
		}
	}
	eachLimited(n, missing, func(key string) {
		id := wanted[key].ID
		hasID := func(c livedesk.Contact) bool { return int64(c.ID) == idNumber(id) }
		contacts, err := r.data.client.Contacts.Find(ctx, livedesk.ListContactsOptions{Query: id.Get()}, 1, hasID)
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err != nil:
			failures = append(failures, err)
		case len(contacts) > 0:
			found[key] = &contacts[0]
		}
	})
	if len(failures) > 0 {
		return nil, failures[0]
	}
	return found, nil
}

// destroy resolves every conversation (LiveDesk has no delete) unless
// resolve_on_destroy is false; inline contacts are forgotten. It reports
// whether the resource is gone.
func (r *bulkResource) destroy(ctx context.Context, state *bulkModel, diags *diag.Diagnostics) bool {
	if state == nil || !state.ResolveOnDestroy.Get() {
		return true
	}
	s := seeding{data: r.data, inboxID: idNumber(state.InboxID), resolve: true}
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
				"followed by the ids of the messages it already holds, in transcript order, and, for an inline contact, by \"@\" and the contact's id, "+
				"such as 1:alice=407/3031,3032@55;bob=408: %v", err))
		return bulkModel{}, false
	}
	entries := map[string]*bulkEntry{}
	held := map[string][]int64{}
	for key, conv := range imported {
		entries[key] = r.importedEntry(conv)
		held[key] = conv.Held
	}
	diags.Append(startEntriesAdoption(context.Background(), private, held)...)
	diags.Append(importNotice("conversation", "each entry's contact, status and messages"))
	return bulkModel{ID: idString(inboxID), InboxID: idString(inboxID), MaxParallel: conversation.Known[int64](defaultMaxParallel),
		ResolveOnDestroy: conversation.Known(true), Entries: entries}, true
}

// importedEntry is the state of an imported conversation: its id, and
// its inline contact's, which refresh reads.
func (r *bulkResource) importedEntry(conv conversation.Imported) *bulkEntry {
	e := &bulkEntry{ID: idString(conv.ID), Messages: bulkMessages{Null: true}}
	if conv.Contact != 0 {
		e.ContactID = idString(conv.Contact)
		e.Contact = &bulkContact{ID: idString(conv.Contact), CustomAttributes: tfwire.NullValue()}
	}
	return e
}

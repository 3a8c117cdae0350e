package provider

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// seeding is one apply of livedesk_conversations: what every entry's
// seeding shares.
type seeding struct {
	data    *providerData
	inboxID idValue
	// resolve is set when replaced and removed conversations are resolved.
	resolve bool
	// adopting is set on the first apply after an import; held are then
	// the message ids each imported key was imported with.
	adopting bool
	held     map[string][]int64
	// configured are the entries as the configuration writes them (their
	// status, above all); prior those the state recorded before this
	// apply, which advice lists in import ids.
	configured, prior map[string]conversationsEntry
	// warnings collects what the entries' sends warn about.
	warnings *warnings
}

// warnings are warnings collected from concurrent work.
type warnings struct {
	mu    sync.Mutex
	diags diag.Diagnostics
}

// warn adds a warning to the seeding's.
func (s seeding) warn(summary, detail string) {
	if s.warnings == nil || detail == "" {
		return
	}
	s.warnings.mu.Lock()
	defer s.warnings.mu.Unlock()
	s.warnings.diags.AddWarning(summary, detail)
}

// run seeds the planned entries, at most n at once, each in its own order,
// and resolves the conversations of keys prior has and planned has not.
// It returns what LiveDesk holds for each key, as the state records it
// (a key for which nothing was created is left out), and, for each key
// that failed, what went wrong and what to do.
func (s seeding) run(ctx context.Context, n int, planned, prior map[string]conversationsEntry) (map[string]conversationsEntry, map[string]string) {
	results := map[string]conversationsEntry{}
	failures := map[string]string{}
	var mu sync.Mutex
	keys := sortedKeys(planned)
	for _, key := range sortedKeys(prior) {
		if _, kept := planned[key]; !kept {
			keys = append(keys, key)
		}
	}
	eachLimited(n, keys, func(key string) {
		var entry conversationsEntry
		keep, failure := true, ""
		was, had := prior[key]
		p, wanted := planned[key]
		switch {
		case !wanted:
			if err := s.resolveReplaced(ctx, was.ID); err != nil {
				entry, failure = was, err.Error()+". It stays in the state; the next apply tries again."
			} else {
				keep = false
			}
		case had:
			entry, keep, failure = s.seedEntry(ctx, key, p, &was)
		default:
			entry, keep, failure = s.seedEntry(ctx, key, p, nil)
		}
		mu.Lock()
		defer mu.Unlock()
		if keep {
			results[key] = entry
		}
		if failure != "" {
			failures[key] = failure
		}
	})
	return results, failures
}

// eachLimited calls work for every key, at most n at a time, and returns
// when all calls have.
func eachLimited(n int, keys []string, work func(key string)) {
	slots := make(chan struct{}, max(n, 1))
	var wg sync.WaitGroup
	for _, key := range keys {
		slots <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-slots; wg.Done() }()
			work(key)
		}()
	}
	wg.Wait()
}

// seedEntry brings the conversation under key to the plan p, in order:
// its inline contact (created, or changed in place), its conversation
// (created when the plan has no id for it: a new key, one not created by
// an earlier failed apply, or a replacement), the messages after those
// LiveDesk holds, then its status. was is what the state records (nil for
// a new key). It returns the entry as LiveDesk now holds it, whether the
// state keeps the key (not when nothing was created for a new key), and
// the failure, or "".
func (s seeding) seedEntry(ctx context.Context, key string, p conversationsEntry, was *conversationsEntry) (_ conversationsEntry, _ bool, failure string) {
	out := p
	// unchanged is what to record when this entry fails before anything
	// new is created: what the state already records, if anything.
	unchanged := func(failure string) (conversationsEntry, bool, string) {
		if was != nil {
			return *was, true, failure
		}
		return settled(out), false, failure
	}
	if p.Contact != nil {
		contact, failure := s.seedContact(ctx, *p.Contact, was)
		if failure != "" {
			return unchanged(failure)
		}
		out.Contact, out.ContactID = &contact, contact.ID
		// From here on, a new contact is recorded whatever else fails.
		if was == nil || was.Contact == nil {
			unchanged = func(failure string) (conversationsEntry, bool, string) {
				out.Messages, _ = transcriptValue(ctx, p.Messages, nil)
				return settled(out), true, failure
			}
		}
	}
	planned, diags := transcriptMessages(ctx, p.Messages)
	if diags.HasError() {
		return unchanged(diagnosticsText(diags))
	}
	var from int
	var holds conversation.Status
	target := entriesTarget{inboxID: s.inboxID.Int64(), key: key, entries: s.prior}
	if p.ID.IsUnknown() {
		createReq := conversationRequest(conversationModel{InboxID: s.inboxID, ContactID: out.ContactID, SourceID: p.SourceID})
		conv, failed := s.data.openConversation(ctx, createReq, fmt.Sprintf("livedesk_conversations key %q", key), target)
		switch {
		case failed != nil && failed.Refused:
			return unchanged("LiveDesk did not create a new conversation: " + failed.Detail)
		case failed != nil:
			return unchanged("creating its conversation: " + failed.Detail)
		}
		out.ID, out.UUID, out.CreatedAt = newID(int64(conv.ID)), types.StringValue(conv.UUID), types.Int64Value(conv.CreatedAt.Unix())
		if out.ContactID.IsUnknown() {
			out.ContactID = newID(int64(conv.Meta.Sender.ID))
		}
		holds = conversation.StatusOf(conv.Status)
		if was != nil && !was.ID.IsNull() {
			// The new conversation replaces the old one in the state
			// whatever happens next: resolve the old one.
			defer func() {
				if err := s.resolveReplaced(ctx, was.ID); err != nil {
					failure = joinFailures(failure, err.Error()+"; it was replaced by conversation "+out.ID.ValueString()+
						" and is no longer in the state: resolve it in the LiveDesk console")
				}
			}()
		}
	} else if was == nil {
		return unchanged("the plan names a conversation the state does not record. Run terraform plan again.")
	} else {
		sent, diags := transcriptMessages(ctx, was.Messages)
		if diags.HasError() {
			return unchanged(diagnosticsText(diags))
		}
		held := s.held[key]
		if !s.adopting {
			held = nil
		}
		var err error
		if from, err = conversation.SendFrom(engineMessages(planned), engineMessages(sent), held); err != nil {
			return unchanged("a message already sent would change: " + err.Error())
		}
		holds = priorStatus(was.Status, was.SnoozedUntil, s.adopting)
	}
	id := out.ID.Int64()
	result, err := s.data.sendTranscript(ctx, id, planned, from)
	out.Messages, diags = transcriptValue(ctx, p.Messages, planned[:result.Done])
	holds = conversation.Holds(holds, result.Directions)
	out.Status, out.SnoozedUntil = recordedStatus(holds)
	for _, w := range result.Warnings {
		s.warn(directionWarning, w)
	}
	if diags.HasError() {
		return settled(out), true, diagnosticsText(diags)
	}
	if err != nil {
		return settled(out), true, sendFailure(err, target, false)
	}
	c := s.configured[key]
	out.Status, out.SnoozedUntil, err = s.data.settleStatus(ctx, id, holds, engineStatus(c.Status, c.SnoozedUntil))
	if err != nil {
		return settled(out), true, "its conversation and messages were created, but its status was not set: " + err.Error() + ". The next apply sets it."
	}
	return settled(out), true, failure
}

// seedContact creates the entry's inline contact, or sends what changed
// in it since was, and returns it as LiveDesk holds it, or the failure.
func (s seeding) seedContact(ctx context.Context, c inlineContact, was *conversationsEntry) (inlineContact, string) {
	m := c.contactModel(s.inboxID)
	if c.ID.IsUnknown() {
		fields, diags := contactFields(ctx, m, nil)
		if diags.HasError() {
			return c, diagnosticsText(diags)
		}
		created, err := s.data.client.Contacts.Create(ctx, livedesk.CreateContactRequest{InboxID: s.inboxID.Int64(), ContactFields: fields})
		if err == nil {
			c.ID, c.SourceID = newID(int64(created.Contact.ID)), types.StringValue(created.SourceID)
			return c, ""
		}
		// The identifier of a contact an earlier apply created (LiveDesk
		// cannot delete it): adopt that contact, as livedesk_contact does.
		adopted, adoptErr := adoptTakenContact(ctx, s.data.client, s.inboxID.Int64(), fields, err)
		switch {
		case adoptErr != nil:
			return c, "adopting its existing contact: " + s.data.explainContactError(adoptErr, m)
		case adopted == nil:
			return c, "creating its contact: " + s.data.explainContactError(err, m) +
				"\n\nTo use an existing contact for this conversation, set contact_id to its id instead of contact."
		}
		s.warn(adopted.Summary, adopted.Warning)
		if diags := refreshContact(ctx, &m, &adopted.Contact); diags.HasError() {
			return c, diagnosticsText(diags)
		}
		c.refreshFrom(m)
		c.ID, c.SourceID = newID(int64(adopted.Contact.ID)), optionalString(adopted.SourceID)
		return c, ""
	}
	prior := was.Contact.contactModel(s.inboxID)
	fields, diags := contactFields(ctx, m, &prior)
	if diags.HasError() {
		return c, diagnosticsText(diags)
	}
	if reflect.DeepEqual(fields, livedesk.ContactFields{}) {
		return c, ""
	}
	updated, err := s.data.client.Contacts.Update(ctx, c.ID.Int64(), fields)
	if err != nil {
		return c, "updating its contact: " + s.data.explainContactError(err, m)
	}
	if diags := refreshContact(ctx, &m, updated); diags.HasError() {
		return c, diagnosticsText(diags)
	}
	c.refreshFrom(m)
	return c, ""
}

// joinFailures joins two failures of one key; either may be "".
func joinFailures(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n" + b
}

// resolveReplaced resolves conversation id when the resource resolves the
// conversations it lets go of. A conversation LiveDesk no longer knows,
// or refuses to resolve, is left as it is.
func (s seeding) resolveReplaced(ctx context.Context, id idValue) error {
	if !s.resolve || id.IsNull() || id.IsUnknown() {
		return nil
	}
	_, err := s.data.client.Conversations.ToggleStatus(ctx, id.Int64(), livedesk.StatusResolved)
	if err == nil || livedesk.IsNotFound(err) || isRefusedTransition(err) {
		return nil
	}
	return fmt.Errorf("resolving conversation %s: %s", id.ValueString(), s.data.explain(err))
}

// resolveAll resolves the conversation of every entry, at most n at once,
// and returns the failures by key.
func (s seeding) resolveAll(ctx context.Context, n int, entries map[string]conversationsEntry) map[string]string {
	failures := map[string]string{}
	var mu sync.Mutex
	eachLimited(n, sortedKeys(entries), func(key string) {
		if err := s.resolveReplaced(ctx, entries[key].ID); err != nil {
			mu.Lock()
			failures[key] = err.Error()
			mu.Unlock()
		}
	})
	return failures
}

// settled is e with every value not known replaced by null: what the
// state records of an entry whose seeding stopped before LiveDesk gave
// those values.
func settled(e conversationsEntry) conversationsEntry {
	if e.ID.IsUnknown() {
		e.ID, e.UUID, e.CreatedAt = nullID(), types.StringNull(), types.Int64Null()
	}
	if e.ContactID.IsUnknown() {
		e.ContactID = nullID()
	}
	if e.Status.IsUnknown() {
		e.Status = types.StringNull()
	}
	if e.Contact != nil && e.Contact.ID.IsUnknown() {
		c := *e.Contact
		c.ID, c.SourceID = nullID(), types.StringNull()
		e.Contact = &c
	}
	if e.Messages.IsUnknown() {
		e.Messages = types.ListNull(transcriptElementType)
	}
	return e
}

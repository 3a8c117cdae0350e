package provider

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// seeding is one apply of livedesk_conversations: what every entry's
// seeding shares.
type seeding struct {
	data    *providerData
	inboxID int64
	// resolve is set when replaced and removed conversations are resolved.
	resolve bool
	// adopting is set on the first apply after an import; held are then
	// the message ids each imported key was imported with.
	adopting bool
	held     map[string][]int64
	// configured are the entries as the configuration writes them (their
	// status, above all); prior those the state recorded before this
	// apply, which advice lists in import ids.
	configured, prior map[string]*bulkEntry
	// warnings collects what the entries' sends warn about.
	warnings *warnings
	// unresolved collects the replaced conversations that could not be
	// resolved, which the state keeps (see replacedKey).
	unresolved *unresolved
}

// unresolved are replaced conversations that could not be resolved, by
// the key the state keeps them under.
type unresolved struct {
	mu      sync.Mutex
	entries map[string]*bulkEntry
}

// keep records was, the entry replaced under key, to keep in the state.
func (s seeding) keep(key string, was *bulkEntry) {
	if s.unresolved == nil {
		return
	}
	s.unresolved.mu.Lock()
	defer s.unresolved.mu.Unlock()
	if s.unresolved.entries == nil {
		s.unresolved.entries = map[string]*bulkEntry{}
	}
	s.unresolved.entries[replacedKey(key, was.ID.Get())] = was
}

// replacedKey is the key under which the state keeps conversation id,
// replaced under key and not resolved: the next plan finds it removed
// from the configuration, and the next apply resolves it.
func replacedKey(key, id string) string {
	return fmt.Sprintf("%s (replaced %s)", key, id)
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
func (s seeding) run(ctx context.Context, n int, planned, prior map[string]*bulkEntry) (map[string]*bulkEntry, map[string]string) {
	results := map[string]*bulkEntry{}
	failures := map[string]string{}
	var mu sync.Mutex
	moves := movedKeys(planned, prior)
	movedFrom := map[string]bool{}
	for _, from := range moves {
		movedFrom[from] = true
	}
	keys := sortedKeys(planned)
	for _, key := range sortedKeys(prior) {
		if _, kept := planned[key]; !kept && !movedFrom[key] {
			keys = append(keys, key)
		}
	}
	eachLimited(n, keys, func(key string) {
		var entry *bulkEntry
		keep, failure := true, ""
		was, had := prior[key]
		if from, moved := moves[key]; moved {
			was, had = prior[from], true
		}
		p, wanted := planned[key]
		switch {
		case !wanted:
			if err := s.resolveReplaced(ctx, was.ID); err != nil {
				entry, failure = was, err.Error()+". It stays in the state; the next apply tries again."
			} else {
				keep = false
			}
		case had:
			entry, keep, failure = s.seedEntry(ctx, key, p, was)
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
	if s.unresolved != nil {
		for key, was := range s.unresolved.entries {
			results[key] = was
		}
	}
	return results, failures
}

// movedKeys finds the keys the plan moved (see plannedMoves): a new key
// planned with the conversation of a key the plan removes. It returns the
// removed key of each new one.
func movedKeys(planned, prior map[string]*bulkEntry) map[string]string {
	byID := map[string]string{}
	for key, was := range prior {
		if _, kept := planned[key]; !kept && was.ID.IsKnown() {
			byID[was.ID.Get()] = key
		}
	}
	moves := map[string]string{}
	for key, p := range planned {
		if _, had := prior[key]; had || p.Unknown || !p.ID.IsKnown() {
			continue
		}
		if from, ok := byID[p.ID.Get()]; ok {
			moves[key] = from
		}
	}
	return moves
}

// eachLimited calls work for every key, at most n at a time, and returns
// when all calls have.
func eachLimited[T any](n int, items []T, work func(item T)) {
	slots := make(chan struct{}, max(n, 1))
	var wg sync.WaitGroup
	for _, item := range items {
		slots <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-slots; wg.Done() }()
			work(item)
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
func (s seeding) seedEntry(ctx context.Context, key string, p, was *bulkEntry) (_ *bulkEntry, _ bool, failure string) {
	out := *p
	// unchanged is what to record when this entry fails before anything
	// new is created: what the state already records, if anything.
	unchanged := func(failure string) (*bulkEntry, bool, string) {
		if was != nil {
			return was, true, failure
		}
		return settled(&out), false, failure
	}
	if p.Unknown {
		return unchanged("its value was not known when the apply started. Run terraform apply again.")
	}
	if p.Contact != nil {
		contact, failure := s.seedContact(ctx, *p.Contact, was)
		if failure != "" {
			return unchanged(failure)
		}
		out.Contact, out.ContactID = &contact, contact.ID
		// From here on, a new contact is recorded whatever else fails.
		if was == nil || was.Contact == nil {
			unchanged = func(failure string) (*bulkEntry, bool, string) {
				out.Messages = bulkMessages{Null: p.Messages.Null}
				return settled(&out), true, failure
			}
		}
	}
	planned := slices.Clone(p.Messages.List)
	var from int
	var holds conversation.Status
	target := entriesTarget{inboxID: s.inboxID, key: key, entries: s.prior}
	if out.ID.IsUnknown() {
		createReq := livedesk.CreateConversationRequest{InboxID: s.inboxID, ContactID: idNumber(out.ContactID), SourceID: out.SourceID.Get()}
		conv, failed := s.data.openConversation(ctx, createReq, fmt.Sprintf("livedesk_conversations key %q", key), target)
		switch {
		case failed != nil && failed.Refused:
			return unchanged("LiveDesk did not create a new conversation: " + failed.Detail)
		case failed != nil:
			return unchanged("creating its conversation: " + failed.Detail)
		}
		out.ID, out.UUID = idString(int64(conv.ID)), conversation.Known(conv.UUID)
		if out.ContactID.IsUnknown() {
			out.ContactID = idString(int64(conv.Meta.Sender.ID))
		}
		holds = conversation.StatusOf(conv.Status)
		if was != nil && was.ID.IsKnown() {
			// The new conversation replaces the old one in the state
			// whatever happens next: resolve the old one.
			defer func() {
				if err := s.resolveReplaced(ctx, was.ID); err != nil {
					s.keep(key, was)
					failure = joinFailures(failure, err.Error()+"; it was replaced by conversation "+out.ID.Get()+
						", and the state keeps it under the key "+strconv.Quote(replacedKey(key, was.ID.Get()))+": the next apply resolves it")
				}
			}()
		}
	} else if was == nil {
		return unchanged("the plan names a conversation the state does not record. Run terraform plan again.")
	} else {
		held := s.held[key]
		if !s.adopting {
			held = nil
		}
		var err error
		if from, err = conversation.SendFrom(engineOf(planned), engineOf(was.Messages.List), held); err != nil {
			return unchanged("a message already sent would change: " + err.Error())
		}
		holds = recordedPrior(was, s.adopting)
	}
	id := idNumber(out.ID)
	done, directions, warnings, err := s.sendTranscript(ctx, id, planned, from)
	out.Messages = bulkMessages{Null: p.Messages.Null && done == 0, List: planned[:done]}
	holds = conversation.Holds(holds, directions)
	out.Status, out.SnoozedUntil = settledValue(holds.Value), settledValue(holds.SnoozedUntil)
	for _, w := range warnings {
		s.warn(directionWarning, w)
	}
	if err != nil {
		return settled(&out), true, sendFailure(err, target, false)
	}
	configured := conversation.Status{Value: conversation.Null[string](), SnoozedUntil: conversation.Null[string]()}
	if c := s.configured[key]; c != nil {
		configured = conversation.Status{Value: c.Status, SnoozedUntil: c.SnoozedUntil}
	}
	status, until, err := s.data.settleStatus(ctx, id, holds, configured)
	out.Status, out.SnoozedUntil = engineString(status), engineString(until)
	if err != nil {
		return settled(&out), true, "its conversation and messages were created, but its status was not set: " + err.Error() + ". The next apply sets it."
	}
	return settled(&out), true, failure
}

// settledValue is a value the state records: null when not known.
func settledValue(v conversation.Value[string]) conversation.Value[string] {
	if v.IsUnknown() {
		return conversation.Null[string]()
	}
	return v
}

// seedContact creates the entry's inline contact, or sends what changed
// in it since was, and returns it as LiveDesk holds it, or the failure.
func (s seeding) seedContact(ctx context.Context, c bulkContact, was *bulkEntry) (bulkContact, string) {
	inboxID := idString(s.inboxID)
	m := c.contactModel(inboxID)
	if c.ID.IsUnknown() {
		fields, diags := contactFields(ctx, m, nil)
		if diags.HasError() {
			return c, diagnosticsText(diags)
		}
		created, err := s.data.client.Contacts.Create(ctx, livedesk.CreateContactRequest{InboxID: s.inboxID, ContactFields: fields})
		if err == nil {
			c.ID, c.SourceID = idString(int64(created.Contact.ID)), conversation.Known(created.SourceID)
			return c, ""
		}
		// The identifier of a contact an earlier apply created (LiveDesk
		// cannot delete it): adopt that contact, as livedesk_contact does.
		adopted, adoptErr := adoptTakenContact(ctx, s.data.client, s.inboxID, fields, err)
		switch {
		case adoptErr != nil:
			return c, "adopting its existing contact: " + s.data.explainInlineContactError(adoptErr, m)
		case adopted == nil:
			return c, "creating its contact: " + s.data.explainInlineContactError(err, m)
		}
		s.warn(adopted.Summary, adopted.Warning)
		if diags := refreshContact(ctx, &m, &adopted.Contact); diags.HasError() {
			return c, diagnosticsText(diags)
		}
		c.refreshFrom(ctx, m)
		c.ID, c.SourceID = idString(int64(adopted.Contact.ID)), conversation.Known(adopted.SourceID)
		if adopted.SourceID == "" {
			c.SourceID = conversation.Null[string]()
		}
		return c, ""
	}
	prior := was.Contact.contactModel(inboxID)
	fields, diags := contactFields(ctx, m, &prior)
	if diags.HasError() {
		return c, diagnosticsText(diags)
	}
	if reflect.DeepEqual(fields, livedesk.ContactFields{}) {
		return c, ""
	}
	updated, err := s.data.client.Contacts.Update(ctx, idNumber(c.ID), fields)
	if err != nil {
		return c, "updating its contact: " + s.data.explainInlineContactError(err, m)
	}
	if diags := refreshContact(ctx, &m, updated); diags.HasError() {
		return c, diagnosticsText(diags)
	}
	c.refreshFrom(ctx, m)
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
func (s seeding) resolveReplaced(ctx context.Context, id conversation.Value[string]) error {
	if !s.resolve || !id.IsKnown() {
		return nil
	}
	_, err := s.data.client.Conversations.ToggleStatus(ctx, idNumber(id), livedesk.StatusResolved)
	if err == nil || livedesk.IsNotFound(err) || isRefusedTransition(err) {
		return nil
	}
	return fmt.Errorf("resolving conversation %s: %s", id.Get(), s.data.explain(err))
}

// resolveAll resolves the conversation of every entry, at most n at once,
// and returns the failures by key.
func (s seeding) resolveAll(ctx context.Context, n int, entries map[string]*bulkEntry) map[string]string {
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
func settled(e *bulkEntry) *bulkEntry {
	if e.ID.IsUnknown() {
		e.ID, e.UUID = conversation.Null[string](), conversation.Null[string]()
	}
	e.ContactID, e.Status = settledValue(e.ContactID), settledValue(e.Status)
	if e.Contact != nil && e.Contact.ID.IsUnknown() {
		c := *e.Contact
		c.ID, c.SourceID = conversation.Null[string](), conversation.Null[string]()
		e.Contact = &c
	}
	if e.Messages.Unknown {
		e.Messages = bulkMessages{Null: true}
	}
	return e
}

package conversation

import (
	"fmt"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// One rule decides a conversation's status around its messages, for every
// path that sends messages: LiveDesk reopens a resolved or snoozed
// conversation when an incoming message arrives; the status is sent only
// when the configuration sets it and LiveDesk, after the messages, does
// not hold it already (or it is not known what LiveDesk holds, as after an
// import); where it is not sent, the state records what LiveDesk holds.

// Status is a conversation status with its snooze time (RFC 3339), as
// configured or as LiveDesk holds it.
type Status struct {
	Value        Value[string]
	SnoozedUntil Value[string]
}

// StatusOf is a known status without a snooze time.
func StatusOf(status string) Status {
	return Status{Value: Known(status), SnoozedUntil: Null[string]()}
}

// UnknownStatus is a status not known until apply, or not known at all.
func UnknownStatus() Status {
	return Status{Value: Unknown[string](), SnoozedUntil: Unknown[string]()}
}

// After is what LiveDesk holds once messages of the given directions
// arrive in a conversation holding s: an incoming message reopens a
// resolved or snoozed conversation (Chatwoot's message builder); a
// direction not known yet makes such a status unknown.
func (s Status) After(directions []Value[string]) Status {
	switch s.Value.Get() {
	case livedesk.StatusResolved, livedesk.StatusSnoozed:
	default:
		return s
	}
	undecided := false
	for _, d := range directions {
		switch {
		case d.IsUnknown():
			undecided = true
		case d.Get() == livedesk.MessageIncoming:
			return StatusOf(livedesk.StatusOpen)
		}
	}
	if undecided {
		return UnknownStatus()
	}
	return s
}

// StatusRule is the status rule's input, the same for every caller.
type StatusRule struct {
	// Conversation names the conversation in messages, such as "407".
	Conversation string
	// Configured is the status the configuration sets; null when it does
	// not set one.
	Configured Status
	// Prior is what LiveDesk holds before this apply's messages: what the
	// state records, or unknown after an import (nothing can be read).
	Prior Status
	// Directions are those of the messages this apply sends.
	Directions []Value[string]
	// Undecided is set when the apply may still find that a new
	// conversation is needed (see TranscriptPlan.MayReplace).
	Undecided bool
}

// Planned is the status the plan shows for a conversation updated in
// place: a configured status as configured, refused now when LiveDesk's
// transition rules forbid it from what LiveDesk will hold; without one,
// what LiveDesk will hold after the messages (unknown while that is not
// known).
func (r StatusRule) Planned() (Value[string], error) {
	if r.Undecided {
		if r.Configured.Value.IsNull() {
			return Unknown[string](), nil
		}
		return r.Configured.Value, nil
	}
	holds := r.Prior.After(r.Directions)
	if r.Configured.Value.IsNull() {
		return holds.Value, nil
	}
	from, to := holds.Value, r.Configured.Value
	if from.IsKnown() && to.IsKnown() && !livedesk.TransitionAllowed(from.Get(), to.Get()) {
		return to, &TransitionError{Conversation: r.Conversation, From: from.Get(), To: to.Get()}
	}
	return to, nil
}

// UnmanagedSnooze is the plan's warning when the configuration stops
// setting a snooze time LiveDesk holds: nothing is sent, and the
// conversation stays snoozed until then. It is "" otherwise.
func (r StatusRule) UnmanagedSnooze() string {
	if !r.Configured.SnoozedUntil.IsNull() || !r.Prior.SnoozedUntil.IsKnown() {
		return ""
	}
	return fmt.Sprintf("snoozed_until is no longer set, so Terraform stops managing it. Nothing is sent: conversation %s stays %s in LiveDesk "+
		"(snoozed until %s unless it reopens). Set status to change it.", r.Conversation, r.Prior.Value, r.Prior.SnoozedUntil.Get())
}

// Settle decides, at apply, once the messages were sent to a conversation
// that now holds holds: whether the configured status must be sent, and
// what the state records when it is not sent. What LiveDesk holds is not
// known after an import (Prior unknown): a configured status is then sent,
// and without one the state records none.
func Settle(holds, configured Status) (send bool, record Status) {
	if configured.Value.IsNull() || configured.Value.IsUnknown() {
		// Not managed: the state records what LiveDesk holds, and no snooze
		// time, which only a configured status sets.
		if holds.Value.IsUnknown() {
			return false, Status{Value: Null[string](), SnoozedUntil: Null[string]()}
		}
		return false, Status{Value: holds.Value, SnoozedUntil: Null[string]()}
	}
	if holds.Value.Equal(configured.Value) && holds.SnoozedUntil.Equal(configured.SnoozedUntil) {
		return false, configured
	}
	return true, configured
}

// Holds is what LiveDesk holds once messages recorded with the given
// directions (as LiveDesk answered them) arrived in a conversation holding
// prior.
func Holds(prior Status, recorded []string) Status {
	directions := make([]Value[string], len(recorded))
	for i, d := range recorded {
		directions[i] = Known(d)
	}
	return prior.After(directions)
}

// TransitionError is a configured status LiveDesk's documented transition
// rules refuse.
type TransitionError struct {
	Conversation string
	From, To     string
}

// Error says what is refused and the way through.
func (e *TransitionError) Error() string {
	return fmt.Sprintf("Conversation %s is %s and LiveDesk's status rules do not allow %s to %s. Set status = \"open\" and apply, then set status = %q and apply again.",
		e.Conversation, e.From, e.From, e.To, e.To)
}

// Summary is the diagnostic's summary.
func (e *TransitionError) Summary() string {
	return fmt.Sprintf("LiveDesk refuses to change a %s conversation to %s", e.From, e.To)
}

package conversation

import "fmt"

// A conversation's transcript is an ordered list of messages, sent one at
// a time in list order, each after LiveDesk answered the one before.
// Elements appended at the end are sent in place; any other change to an
// element already sent needs a new conversation, because LiveDesk cannot
// change or delete a message.

// Outcome is what an apply does with a transcript.
type Outcome int

// The outcomes of a transcript plan.
const (
	// Nothing: every element is already in LiveDesk; nothing is sent.
	Nothing Outcome = iota
	// Append: the elements after those LiveDesk holds are sent in place.
	Append
	// Replace: an element already sent changed, was removed or reordered,
	// or one was inserted before it: a new conversation receives the whole
	// transcript.
	Replace
	// Undecided: the list, or a value of an element already sent, is known
	// only at apply, which then sends the elements planned as new if
	// nothing sent changed, and stops before any request if one did.
	Undecided
)

// String names the outcome in test failures.
func (o Outcome) String() string {
	return [...]string{"nothing", "append", "replace", "undecided"}[o]
}

// TranscriptInput is what a transcript is planned from.
type TranscriptInput struct {
	// Planned are the elements of the plan; Unknown is set instead when the
	// list itself is known only at apply.
	Planned []Message
	Unknown bool
	// Sent are the elements the state records as in LiveDesk.
	Sent []Message
	// Held are the message ids an adopting import brought, in transcript
	// order: the first len(Held) elements of Planned adopt them.
	Held []int64
}

// TranscriptPlan is a planned transcript compared with what was sent.
type TranscriptPlan struct {
	// Known is false while the list itself is not known.
	Known bool
	// Kept is how many leading elements LiveDesk holds and keeps: sent by
	// an earlier apply or adopted by an import. 0 when replacing.
	Kept int
	// Total is the number of planned elements.
	Total int
	// Change says why a new conversation is needed, or is "".
	Change string
	// Uncertain is set when an element already sent has a value known only
	// at apply.
	Uncertain bool
}

// Outcome says what the apply does.
func (p TranscriptPlan) Outcome() Outcome {
	switch {
	case p.Change != "":
		return Replace
	case !p.Known || p.Uncertain:
		return Undecided
	case p.Total > p.Kept:
		return Append
	}
	return Nothing
}

// MayReplace reports whether the apply may still find that a new
// conversation is needed, which the plan could not show.
func (p TranscriptPlan) MayReplace() bool { return p.Outcome() == Undecided }

// IsNew reports whether the plan shows element i as a message to send.
func (p TranscriptPlan) IsNew(i int) bool { return i >= p.Kept && i < p.Total }

// HeldError is an import that brought more message ids than there are
// elements to adopt them.
type HeldError struct {
	Held, Configured int
}

// Error says what does not match.
func (e *HeldError) Error() string {
	return fmt.Sprintf("The conversation was imported with %d message ids, and each adopts one element of messages, in order, but messages has %d",
		e.Held, e.Configured)
}

// PlanTranscript plans a transcript. The elements an adopting import holds
// are planned as in LiveDesk with the ids it brought; with nothing held,
// the planned list is compared with the one sent.
func PlanTranscript(in TranscriptInput) (TranscriptPlan, error) {
	if in.Unknown {
		return TranscriptPlan{}, nil
	}
	sent := in.Sent
	if len(in.Held) > 0 {
		if err := CheckHeld(in.Held, len(in.Planned)); err != nil {
			return TranscriptPlan{}, err
		}
		sent = Adopted(in.Planned, in.Held)
	}
	plan := TranscriptPlan{Known: true, Kept: len(sent), Total: len(in.Planned), Change: transcriptChange(in.Planned, sent)}
	for i := range min(len(sent), len(in.Planned)) {
		plan.Uncertain = plan.Uncertain || in.Planned[i].partlyUnknown()
	}
	if plan.Change != "" {
		plan.Kept, plan.Uncertain = 0, false
	}
	return plan, nil
}

// Adopted are the first elements of planned as an import with held
// message ids adopts them: as configured, with those ids.
func Adopted(planned []Message, held []int64) []Message {
	adopted := make([]Message, len(held))
	for i, id := range held {
		adopted[i] = planned[i]
		adopted[i].ID = Known(id)
	}
	return adopted
}

// SendFrom is the first element an apply sends, once every planned value
// is known: after those LiveDesk holds (sent, or held by an adopting
// import). It refuses, before any request, a transcript in which an
// element already sent changed: the plan could not show the new
// conversation that needs.
func SendFrom(planned, sent []Message, held []int64) (int, error) {
	if len(held) > 0 {
		return len(held), nil
	}
	if reason := transcriptChange(planned, sent); reason != "" {
		return 0, &ChangedAtApplyError{Reason: reason}
	}
	return len(sent), nil
}

// ChangedAtApplyError is an element already sent whose value, known only
// at apply, changed.
type ChangedAtApplyError struct {
	Reason string
}

// Error says what changed, that nothing was sent, and what to do.
func (e *ChangedAtApplyError) Error() string {
	return e.Reason + ". The messages were not known when this plan was made, so it could not plan the new conversation this needs. " +
		"Nothing was sent. Run terraform plan again: it will show the replacement."
}

// transcriptChange says why planned cannot be reached by sending new
// elements after sent, or "" when it can. It names the first element sent
// that changed: one removed, one inserted before, or one whose value
// changed, moved. A planned value not known yet is no change: the plan cannot
// tell, and the apply compares again once it is known (see SendFrom).
func transcriptChange(planned, sent []Message) string {
	for i, s := range sent {
		if i >= len(planned) {
			return fmt.Sprintf("%s was sent and is no longer in the configuration", Preview(i, s))
		}
		field := changedField(planned[i], s)
		switch moved := indexOf(planned[i+1:], s); {
		case field == "":
			continue
		case startsWith(planned[i+1:], sent[i:]):
			return fmt.Sprintf("%s is inserted before %s, which was sent", Preview(i, planned[i]), Preview(i, s))
		case moved >= 0:
			return fmt.Sprintf("%s was sent and is moved to messages[%d]: LiveDesk keeps messages in the order they arrived", Preview(i, s), i+1+moved)
		case startsWith(planned[i:], sent[i+1:]):
			return fmt.Sprintf("%s was sent and is no longer in the configuration", Preview(i, s))
		}
		return fmt.Sprintf("%s was sent and its %s changed", Preview(i, s), field)
	}
	return ""
}

// indexOf is the index of the first of planned that is sent unchanged,
// or -1.
func indexOf(planned []Message, sent Message) int {
	for i, p := range planned {
		if changedField(p, sent) == "" {
			return i
		}
	}
	return -1
}

// startsWith reports whether planned begins with the messages of sent,
// unchanged, and sent is not empty.
func startsWith(planned, sent []Message) bool {
	if len(sent) == 0 || len(planned) < len(sent) {
		return false
	}
	for i := range sent {
		if changedField(planned[i], sent[i]) != "" {
			return false
		}
	}
	return true
}

// CheckHeld refuses an import that brought more message ids than there are
// configured elements to adopt them.
func CheckHeld(held []int64, configured int) error {
	if configured < len(held) {
		return &HeldError{Held: len(held), Configured: configured}
	}
	return nil
}

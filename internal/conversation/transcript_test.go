package conversation

import (
	"errors"
	"testing"
)

// text is an outgoing message with content.
func text(content string) Message {
	return Message{Content: Known(content), Type: Known("outgoing"), Private: Known(false), ReplyTo: Null[int64](), InReplyTo: Null[int64](),
		Hashes: Null[string](), ID: Unknown[int64]()}
}

// sentTranscript is m0..m3 as sent: ids 100..103, m1 with a file.
func sentTranscript() []Message {
	sent := []Message{text("m0"), text("m1"), text("m2"), text("m3")}
	sent[1].Files, sent[1].Hashes = []string{"a.txt"}, Known("aaaa")
	for i := range sent {
		sent[i].ID = Known(int64(100 + i))
	}
	return sent
}

// planned is the sent transcript as a configuration plans it again (ids
// not known), changed by edit.
func planned(edit func([]Message) []Message) []Message {
	m := sentTranscript()
	for i := range m {
		m[i].ID = Unknown[int64]()
	}
	return edit(m)
}

// TestPlanTranscriptEveryEdit plans every edit of a sent transcript and
// checks what the plan shows, and that the apply, once every value is
// known, sends exactly the elements the plan shows as new, or nothing.
func TestPlanTranscriptEveryEdit(t *testing.T) {
	t.Parallel()
	same := func(m []Message) []Message { return m }
	for name, tc := range map[string]struct {
		edit    func([]Message) []Message
		unknown bool
		outcome Outcome
		change  string
		kept    int
		// atApply is the list once the values known only at apply are;
		// nil when the plan holds none.
		atApply      func([]Message) []Message
		applyRefuses bool
	}{
		"unchanged": {edit: same, outcome: Nothing, kept: 4},
		"append":    {edit: func(m []Message) []Message { return append(m, text("m4"), text("m5")) }, outcome: Append, kept: 4},
		"remove the last": {edit: func(m []Message) []Message { return m[:3] }, outcome: Replace,
			change: `messages[3] ("m3") was sent and is no longer in the configuration`},
		"remove one in the middle": {edit: func(m []Message) []Message { return append(m[:1:1], m[2:]...) }, outcome: Replace,
			change: `messages[1] ("m1") was sent and is no longer in the configuration`},
		"insert": {edit: func(m []Message) []Message { return append(m[:2:2], append([]Message{text("new")}, m[2:]...)...) }, outcome: Replace,
			change: `messages[2] ("new") is inserted before messages[2] ("m2"), which was sent`},
		"reorder": {edit: func(m []Message) []Message { m[2], m[3] = m[3], m[2]; return m }, outcome: Replace,
			change: `messages[2] ("m2") was sent and is moved to messages[3]: LiveDesk keeps messages in the order they arrived`},
		"edit content": {edit: func(m []Message) []Message { m[0].Content = Known("M0"); return m }, outcome: Replace,
			change: `messages[0] ("m0") was sent and its content changed`},
		"edit private": {edit: func(m []Message) []Message { m[3].Private = Known(true); return m }, outcome: Replace,
			change: `messages[3] ("m3") was sent and its private changed`},
		"edit message_type": {edit: func(m []Message) []Message { m[3].Type = Known("incoming"); return m }, outcome: Replace,
			change: `messages[3] ("m3") was sent and its message_type changed`},
		"edit files' bytes": {edit: func(m []Message) []Message { m[1].Hashes = Known("bbbb"); return m }, outcome: Replace,
			change: `messages[1] ("m1") was sent and its files' bytes changed`},
		"respell a file's path": {edit: func(m []Message) []Message { m[1].Files = []string{"./a.txt"}; return m }, outcome: Nothing, kept: 4},
		"edit reply_to": {edit: func(m []Message) []Message { m[2].ReplyTo = Known(int64(0)); return m }, outcome: Replace,
			change: `messages[2] ("m2") was sent and its reply_to changed`},
		"edit in_reply_to": {edit: func(m []Message) []Message { m[2].InReplyTo = Known(int64(9)); return m }, outcome: Replace,
			change: `messages[2] ("m2") was sent and its in_reply_to changed`},
		"empty list": {edit: func([]Message) []Message { return []Message{} }, outcome: Replace,
			change: `messages[0] ("m0") was sent and is no longer in the configuration`},
		"left out": {edit: func([]Message) []Message { return nil }, outcome: Replace,
			change: `messages[0] ("m0") was sent and is no longer in the configuration`},
		"one sent element unknown, the same at apply": {edit: func(m []Message) []Message { m[1].Content = Unknown[string](); return m },
			outcome: Undecided, kept: 4, atApply: same},
		"one sent element unknown, changed at apply": {edit: func(m []Message) []Message { m[1].Content = Unknown[string](); return m },
			outcome: Undecided, kept: 4, atApply: func(m []Message) []Message { m[1].Content = Known("other"); return m }, applyRefuses: true},
		"an appended element unknown": {edit: func(m []Message) []Message { n := text("m4"); n.Content = Unknown[string](); return append(m, n) },
			outcome: Append, kept: 4, atApply: func(m []Message) []Message { return append(m, text("m4")) }},
		"one unknown, another changed": {edit: func(m []Message) []Message {
			m[0].Content = Unknown[string]()
			m[2].Private = Known(true)
			return m
		}, outcome: Replace, change: `messages[2] ("m2") was sent and its private changed`},
		"the whole list unknown": {edit: same, unknown: true, outcome: Undecided, atApply: func(m []Message) []Message { return append(m, text("m4")) }},
	} {
		t.Run(name, func(t *testing.T) {
			list := planned(tc.edit)
			plan, err := PlanTranscript(TranscriptInput{Planned: list, Unknown: tc.unknown, Sent: sentTranscript()})
			if err != nil {
				t.Fatal(err)
			}
			if plan.Outcome() != tc.outcome || plan.Change != tc.change {
				t.Fatalf("planned %v %q, want %v %q", plan.Outcome(), plan.Change, tc.outcome, tc.change)
			}
			if plan.Kept != tc.kept {
				t.Errorf("kept %d elements, want %d", plan.Kept, tc.kept)
			}
			if tc.outcome == Replace {
				for i := range list {
					if !plan.IsNew(i) {
						t.Errorf("a replacement sends every element, but element %d is not shown as new", i)
					}
				}
				return
			}
			final := list
			if tc.atApply != nil {
				final = planned(tc.atApply)
			}
			from, err := SendFrom(final, sentTranscript(), nil)
			if tc.applyRefuses {
				var changed *ChangedAtApplyError
				if !errors.As(err, &changed) {
					t.Fatalf("the apply sends from %d (err %v) though a sent element changed", from, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if plan.Known && from != plan.Kept {
				t.Errorf("the apply sends from element %d, the plan shows new from %d", from, plan.Kept)
			}
			for i := range final {
				if plan.Known && plan.IsNew(i) != (i >= from) {
					t.Errorf("element %d: shown as new %v, sent %v", i, plan.IsNew(i), i >= from)
				}
			}
		})
	}
}

// TestPlanTranscriptAdoptsHeldMessages plans an import with held ids.
func TestPlanTranscriptAdoptsHeldMessages(t *testing.T) {
	t.Parallel()
	list := planned(func(m []Message) []Message { return m })
	plan, err := PlanTranscript(TranscriptInput{Planned: list, Held: []int64{7, 8}})
	if err != nil || plan.Kept != 2 || plan.Outcome() != Append {
		t.Fatalf("plan %+v, %v: want the first 2 adopted and the rest appended", plan, err)
	}
	if from, err := SendFrom(list, nil, []int64{7, 8}); from != 2 || err != nil {
		t.Errorf("the apply sends from %d (%v), want 2", from, err)
	}
	var held *HeldError
	if _, err := PlanTranscript(TranscriptInput{Planned: list[:1], Held: []int64{7, 8}}); !errors.As(err, &held) || held.Held != 2 || held.Configured != 1 {
		t.Errorf("more held ids than elements: %v", err)
	}
}

// TestAdoptedFilesUnreadable takes the bytes of an adopted message whose
// files could not be read as configured.
func TestAdoptedFilesUnreadable(t *testing.T) {
	t.Parallel()
	sent := sentTranscript()
	sent[1].Hashes = Null[string]()
	list := planned(func(m []Message) []Message { m[1].Hashes = Known("cccc"); return m })
	if plan, _ := PlanTranscript(TranscriptInput{Planned: list, Sent: sent}); plan.Outcome() != Nothing {
		t.Errorf("outcome %v %q, want nothing", plan.Outcome(), plan.Change)
	}
}

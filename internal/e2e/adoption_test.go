package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// After a lost state, an import block with the ids of the messages the
// conversation holds adopts them: the apply sends only the new ones.
func TestImportBlockWithHeldMessagesSendsOnlyTheRest(t *testing.T) {
	s := newStack(t, sandbox.Options{}, 0, nil)
	s.writeConfig(t, defaultCredentials, s.transcript(2, `  resolve_on_destroy = false`))
	s.apply(t)
	if r := s.run(t, "state", "rm", "livedesk_conversation.c"); r.ExitCode != 0 {
		t.Fatalf("state rm: %s", r.Output())
	}
	st := s.server.Snapshot()
	conv := st.Conversations[0].ID
	importID := fmt.Sprintf("%d/%d,%d", conv, st.Messages[0].ID, st.Messages[1].ID)
	s.writeConfig(t, defaultCredentials, s.transcript(4, `  resolve_on_destroy = false`)+fmt.Sprintf(`
import {
  to = livedesk_conversation.c
  id = %q
}
`, importID))
	s.apply(t)
	st = s.server.Snapshot()
	if len(st.Conversations) != 1 {
		t.Fatalf("%d conversations, want the imported one", len(st.Conversations))
	}
	requireTranscript(t, st, conv, 4)
	if n := st.Requests[postMessages]; n != 4 {
		t.Errorf("%d send-message requests in all, want 4 (2 before the import, 2 after)", n)
	}
	s.requireEmptyPlan(t)
}

// An import by id alone of a conversation whose configuration has messages
// warns, by count, that they will all be sent, and names the import that
// adopts them.
func TestPlainImportWithMessagesWarnsByCount(t *testing.T) {
	s := newStack(t, sandbox.Options{}, 0, nil)
	s.writeConfig(t, defaultCredentials, s.transcript(3, `  resolve_on_destroy = false`))
	s.apply(t)
	if r := s.run(t, "state", "rm", "livedesk_conversation.c"); r.ExitCode != 0 {
		t.Fatalf("state rm: %s", r.Output())
	}
	conv := s.server.Snapshot().Conversations[0].ID
	if r := s.run(t, "import", "-input=false", "-no-color", "livedesk_conversation.c", fmt.Sprint(conv)); r.ExitCode != 0 {
		t.Fatalf("import: %s", r.Output())
	}
	plan := s.run(t, "plan", "-input=false", "-no-color")
	out := strings.Join(strings.Fields(plan.Output()), " ")
	for _, want := range []string{"3 messages will be sent to an imported conversation", fmt.Sprintf("terraform import <address> %d/<message id>,<message id>", conv)} {
		if !strings.Contains(out, want) {
			t.Errorf("the plan does not say %q:\n%s", want, tail(plan.Output()))
		}
	}
}

// An append that fails after an incoming message was sent leaves the state
// saying what LiveDesk did (the conversation reopened), so the next apply
// sends the rest and then the configured status again.
func TestFailedAppendAfterAnIncomingMessageReappliesTheStatusNext(t *testing.T) {
	// Message 0 (incoming) is created with the conversation; the append
	// sends 1 (outgoing), 2 (incoming, which reopens the conversation),
	// and fails at 3, the 4th send.
	s := newStackBehind(t, sandbox.Options{}, failNthMessage(4, false), nil)
	s.writeConfig(t, defaultCredentials, s.transcript(1, `  status = "resolved"`))
	s.apply(t)
	s.writeConfig(t, defaultCredentials, s.transcript(4, `  status = "resolved"`))
	res := s.run(t, applyArgs()...)
	if res.ExitCode == 0 {
		t.Fatal("the append succeeded though a message failed")
	}
	if n := strings.Count(res.Output(), "Error: "); n != 1 {
		t.Errorf("%d errors, want the one of the failed message:\n%s", n, tail(res.Output()))
	}
	if got := s.server.Snapshot().Conversations[0].Status; got != "open" {
		t.Fatalf("after the failed append the sandbox holds %q, want open (reopened by message 2)", got)
	}
	plan := s.run(t, "plan", "-input=false", "-no-color")
	if !strings.Contains(plan.Output(), `~ status             = "open" -> "resolved"`) {
		t.Errorf("the plan does not show the status going back to resolved:\n%s", tail(plan.Output()))
	}
	s.apply(t)
	st := s.server.Snapshot()
	requireTranscript(t, st, st.Conversations[0].ID, 4)
	if got := st.Conversations[0].Status; got != "resolved" {
		t.Errorf("after the rest was sent the sandbox holds %q, want resolved", got)
	}
	s.requireEmptyPlan(t)
}

// A transcript known only at apply that turns out to change a message
// already sent stops the apply with one error, before any request.
func TestTranscriptKnownOnlyAtApplyThatChangesASentMessageIsOneError(t *testing.T) {
	s := newStack(t, sandbox.Options{}, 0, nil)
	config := func(contents string) string {
		return fmt.Sprintf(`resource "terraform_data" "contents" {
  input = %s
}

resource "livedesk_conversation" "c" {
  inbox_id   = "1"
  contact_id = "%d"
  status     = "open"
  messages   = [for c in terraform_data.contents.output : { content = c }]
}
`, contents, s.contactID)
	}
	s.writeConfig(t, defaultCredentials, config(`["first", "second"]`))
	s.apply(t)
	before := s.server.Snapshot().Requests
	s.writeConfig(t, defaultCredentials, config(`["FIRST", "second"]`))
	res := s.run(t, applyArgs()...)
	if res.ExitCode == 0 {
		t.Fatal("the apply changed a message already sent")
	}
	if n := strings.Count(res.Output(), "Error: "); n != 1 {
		t.Errorf("%d errors, want one:\n%s", n, tail(res.Output()))
	}
	if after := s.server.Snapshot().Requests; fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("the refused apply sent requests: %v, then %v", before, after)
	}
}

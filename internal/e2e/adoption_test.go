package e2e

import (
	"context"
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
	for _, want := range []string{fmt.Sprintf("3 messages will be sent to imported conversation %d", conv), fmt.Sprintf("terraform import <address> %d/<message id>,<message id>", conv)} {
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
// already sent stops the apply before any request, with Terraform's two
// errors: the planned action changed, and the conversation's id, which the
// plan keeps known (so that nothing referring to it is replaced for a
// change that may not come), is unknown for the new conversation.
func TestTranscriptKnownOnlyAtApplyThatChangesASentMessageStopsTheApply(t *testing.T) {
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
	out := strings.Join(strings.Fields(res.Output()), " ")
	if n := strings.Count(out, "Error: "); n != 2 || !strings.Contains(out, "changed the planned action from Update to DeleteThenCreate") ||
		!strings.Contains(out, "value for .id: was known, but now unknown") {
		t.Errorf("%d errors, want the changed action and the id:\n%s", n, tail(res.Output()))
	}
	if after := s.server.Snapshot().Requests; fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("the refused apply sent requests: %v, then %v", before, after)
	}
}

// replyTranscript is a conversation whose messages 0 to 5 are outgoing,
// with message 4 replying to message 3 and message 5 to message 1.
func (s *stack) replyTranscript(extra string) string {
	return fmt.Sprintf(`resource "livedesk_conversation" "c" {
  inbox_id   = "1"
  contact_id = "%d"
%s
  messages = [
    { content = "m0" },
    { content = "m1" },
    { content = "m2" },
    { content = "m3" },
    { content = "m4", reply_to = 3 },
    { content = "m5", reply_to = 1 },
  ]
}
`, s.contactID, extra)
}

// requireReplies checks that conversation conv holds m0 to m5 once each, in
// order, and that m4 and m5 reply to the ids of m3 and m1.
func requireReplies(t *testing.T, st sandbox.State, conv int64) {
	t.Helper()
	ids := map[string]int64{}
	var order []string
	for _, m := range st.Messages {
		if m.ConversationID != conv {
			continue
		}
		order = append(order, m.Content)
		ids[m.Content] = m.ID
		switch m.Content {
		case "m4", "m5":
			want := map[string]string{"m4": "m3", "m5": "m1"}[m.Content]
			if m.InReplyTo == nil || *m.InReplyTo != ids[want] {
				t.Errorf("%s replies to %v, want %s (message %d)", m.Content, m.InReplyTo, want, ids[want])
			}
		}
	}
	if got := strings.Join(order, ","); got != "m0,m1,m2,m3,m4,m5" {
		t.Fatalf("conversation %d holds %s, want m0 to m5 once each, in order", conv, got)
	}
}

// A failed create records exactly the messages sent; untaint and apply
// then sends only the rest, in order, with replies to messages on either
// side of the failure resolved to their ids.
func TestFailedCreateThenUntaintSendsOnlyTheRestWithRepliesResolved(t *testing.T) {
	s := newStackBehind(t, sandbox.Options{}, failNthMessage(4, false), nil)
	s.writeConfig(t, defaultCredentials, s.replyTranscript(""))
	if res := s.run(t, applyArgs()...); res.ExitCode == 0 {
		t.Fatal("apply succeeded though the 4th message failed")
	}
	state, err := s.ws.State(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	recorded := state.Values.RootModule.Resources[0].AttributeValues["messages"].([]any)
	for i, m := range recorded {
		if id := m.(map[string]any)["id"]; id == nil {
			t.Errorf("the state records messages[%d] without an id", i)
		}
	}
	if len(recorded) != 3 {
		t.Fatalf("the state records %d messages after the 4th failed, want exactly the 3 sent", len(recorded))
	}
	if res := s.run(t, "untaint", "-no-color", "livedesk_conversation.c"); res.ExitCode != 0 {
		t.Fatalf("untaint: %s", res.Output())
	}
	s.apply(t)
	st := s.server.Snapshot()
	if len(st.Conversations) != 1 {
		t.Fatalf("%d conversations, want the same one", len(st.Conversations))
	}
	requireReplies(t, st, st.Conversations[0].ID)
	s.requireEmptyPlan(t)
}

// A failed append that sent no incoming message keeps the status, and the
// next apply sends only the rest, with no status request.
func TestFailedAppendKeepsTheStatusAndTheNextApplySendsOnlyTheRest(t *testing.T) {
	s := newStackBehind(t, sandbox.Options{}, failNthMessage(5, false), nil)
	s.writeConfig(t, defaultCredentials, strings.Replace(s.replyTranscript(`  status = "resolved"`), `    { content = "m4", reply_to = 3 },
    { content = "m5", reply_to = 1 },
`, "", 1))
	s.apply(t)
	s.writeConfig(t, defaultCredentials, s.replyTranscript(`  status = "resolved"`))
	if res := s.run(t, applyArgs()...); res.ExitCode == 0 {
		t.Fatal("the append succeeded though its first message failed")
	}
	if res := s.run(t, "plan", "-input=false", "-no-color"); strings.Contains(res.Output(), "~ status") {
		t.Errorf("the plan after a failed append without incoming messages changes the status:\n%s", tail(res.Output()))
	}
	s.apply(t)
	st := s.server.Snapshot()
	requireReplies(t, st, st.Conversations[0].ID)
	if got := st.Conversations[0].Status; got != "resolved" {
		t.Errorf("the sandbox holds %q, want resolved", got)
	}
	if n := st.Requests["POST /api/v2/accounts/conversations/{id}/toggle_status"]; n != 1 {
		t.Errorf("%d status requests, want the one after the create", n)
	}
	s.requireEmptyPlan(t)
}

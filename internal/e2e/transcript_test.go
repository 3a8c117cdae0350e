package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// transcript is a conversation with the stack's contact whose messages are
// "message 0" to "message n-1", alternating incoming and outgoing.
func (s *stack) transcript(n int, extra string) string {
	var elems []string
	for i := range n {
		direction := "outgoing"
		if i%2 == 0 {
			direction = "incoming"
		}
		elems = append(elems, fmt.Sprintf(`    { content = "message %d", message_type = %q },`, i, direction))
	}
	return fmt.Sprintf(`resource "livedesk_conversation" "c" {
  inbox_id   = "1"
  contact_id = "%d"
%s
  messages = [
%s
  ]
}
`, s.contactID, extra, strings.Join(elems, "\n"))
}

// requireTranscript fails the test unless conversation conv holds exactly
// "message 0" to "message n-1", in that order of ids, with the directions
// the transcript gave them.
func requireTranscript(t *testing.T, st sandbox.State, conv int64, n int) {
	t.Helper()
	var got []string
	for _, m := range st.Messages { // in id order
		if m.ConversationID == conv {
			got = append(got, m.MessageType+" "+m.Content)
		}
	}
	var want []string
	for i := range n {
		direction := "outgoing"
		if i%2 == 0 {
			direction = "incoming"
		}
		want = append(want, fmt.Sprintf("%s message %d", direction, i))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("conversation %d holds, in id order:\n%s\nwant:\n%s", conv, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// requireEmptyPlan fails the test unless a plan finds nothing to change.
func (s *stack) requireEmptyPlan(t *testing.T) {
	t.Helper()
	if res := s.run(t, "plan", "-detailed-exitcode", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Fatalf("plan after apply exited %d, want 0 (no changes):\n%s", res.ExitCode, tail(res.Output()))
	}
}

func TestTranscriptArrivesInOrderAtAnyParallelism(t *testing.T) {
	s := newStack(t, sandbox.Options{}, 0, nil)
	s.writeConfig(t, defaultCredentials, s.transcript(20, `  status = "resolved"`))
	s.apply(t, "-parallelism=20")

	st := s.server.Snapshot()
	requireTranscript(t, st, st.Conversations[0].ID, 20)
	if n := st.Requests[postMessages]; n != 20 {
		t.Errorf("%d message requests, want 20", n)
	}
	// The last message is incoming, which reopens a resolved conversation:
	// the status is applied after it.
	if status := st.Conversations[0].Status; status != "resolved" {
		t.Errorf("status = %q, want resolved (applied after the last message)", status)
	}
	s.requireEmptyPlan(t)
	if n := s.server.Snapshot().Requests[postMessages]; n != 20 {
		t.Errorf("refresh and plan sent messages: %d requests, want 20", n)
	}
}

// failNthMessage fails the nth send-message request (from 1), once: before
// the sandbox sees it, or, with commit, after the sandbox stored the message.
func failNthMessage(n int, commit bool) func(http.Handler) http.Handler {
	sendMessage := regexp.MustCompile(`^/api/v2/accounts/conversations/\d+/messages$`)
	var mu sync.Mutex
	seen := 0
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost && sendMessage.MatchString(r.URL.Path) {
				mu.Lock()
				seen++
				fail := seen == n
				mu.Unlock()
				if fail {
					if commit {
						h.ServeHTTP(httptest.NewRecorder(), r)
					}
					http.Error(w, `{"error":"injected failure"}`, http.StatusInternalServerError)
					return
				}
			}
			h.ServeHTTP(w, r)
		})
	}
}

func TestTranscriptFailingPartWayThenUntaintContinuesInTheSameConversation(t *testing.T) {
	s := newStackBehind(t, sandbox.Options{}, failNthMessage(4, false), nil)
	s.writeConfig(t, defaultCredentials, s.transcript(6, ""))
	res := s.run(t, applyArgs()...)
	if res.ExitCode == 0 {
		t.Fatal("apply succeeded though the 4th message failed")
	}
	for _, want := range []string{`messages[3] ("message 3")`, "terraform untaint", "replaces it with a new conversation"} {
		if !strings.Contains(res.Output(), want) {
			t.Errorf("the error does not say %q:\n%s", want, tail(res.Output()))
		}
	}
	st := s.server.Snapshot()
	if len(st.Messages) != 3 {
		t.Fatalf("the sandbox holds %d messages after the failure, want 3", len(st.Messages))
	}
	if ids := s.stateIDs(t)["livedesk_conversation"]; len(ids) != 1 {
		t.Fatalf("the state holds conversations %v, want the one created", ids)
	}

	if res := s.run(t, "untaint", "-no-color", "livedesk_conversation.c"); res.ExitCode != 0 {
		t.Fatalf("untaint: %s", res.Output())
	}
	s.apply(t)
	st = s.server.Snapshot()
	if len(st.Conversations) != 1 {
		t.Fatalf("%d conversations, want the same one", len(st.Conversations))
	}
	requireTranscript(t, st, st.Conversations[0].ID, 6)
	s.requireEmptyPlan(t)
}

func TestTranscriptFailingPartWayThenApplyReplacesTheConversation(t *testing.T) {
	s := newStackBehind(t, sandbox.Options{}, failNthMessage(2, false), nil)
	s.writeConfig(t, defaultCredentials, s.transcript(4, ""))
	if res := s.run(t, applyArgs()...); res.ExitCode == 0 {
		t.Fatal("apply succeeded though the 2nd message failed")
	}
	s.apply(t)
	st := s.server.Snapshot()
	if len(st.Conversations) != 2 {
		t.Fatalf("%d conversations, want the tainted one and its replacement", len(st.Conversations))
	}
	if old := st.Conversations[0]; old.Status != "resolved" {
		t.Errorf("the tainted conversation is %q, want resolved on replacement", old.Status)
	}
	requireTranscript(t, st, st.Conversations[1].ID, 4)
	s.requireEmptyPlan(t)
}

func TestTranscriptAmbiguousFailureResentByChoiceIsHeldTwice(t *testing.T) {
	s := newStackBehind(t, sandbox.Options{}, failNthMessage(2, true), nil)
	s.writeConfig(t, defaultCredentials, s.transcript(3, ""))
	res := s.run(t, applyArgs()...)
	if res.ExitCode == 0 || !strings.Contains(res.Output(), "Whether it arrived is not known") {
		t.Fatalf("want an error saying the message may have arrived:\n%s", tail(res.Output()))
	}
	// The user chooses to resend into the same conversation: message 1 is
	// then held twice, and every other message once.
	if res := s.run(t, "untaint", "-no-color", "livedesk_conversation.c"); res.ExitCode != 0 {
		t.Fatalf("untaint: %s", res.Output())
	}
	s.apply(t)
	seen := map[string]int{}
	for _, m := range s.server.Snapshot().Messages {
		seen[m.Content]++
	}
	if seen["message 0"] != 1 || seen["message 1"] != 2 || seen["message 2"] != 1 {
		t.Errorf("contents held: %v; want message 1 twice (resent by choice) and the others once", seen)
	}
}

// importCommand finds the import the error offers, e.g.
// "terraform import <address> 1/1,2,<its message id>".
var importCommand = regexp.MustCompile(`terraform\s+import\s+<address>\s+(\d+)/([\d,]*)<its\s+message\s+id>`)

func TestTranscriptAmbiguousFailureRecoversThroughImportWithoutADuplicate(t *testing.T) {
	const k = 3 // the 3rd message is stored, and its answer is a 500
	s := newStackBehind(t, sandbox.Options{}, failNthMessage(k, true), nil)
	s.writeConfig(t, defaultCredentials, s.transcript(6, `  status = "resolved"`))
	res := s.run(t, applyArgs()...)
	if res.ExitCode == 0 {
		t.Fatal("apply succeeded though the answer to a message was a 500")
	}
	found := importCommand.FindStringSubmatch(res.Output())
	if found == nil {
		t.Fatalf("the error offers no import of the messages sent:\n%s", tail(res.Output()))
	}
	st := s.server.Snapshot()
	conv := st.Conversations[0].ID
	// Look at the conversation, as the error says: it holds message k-1.
	var held []string
	for _, m := range st.Messages {
		held = append(held, fmt.Sprint(m.ID))
	}
	if len(held) != k {
		t.Fatalf("the sandbox holds %d messages, want %d (the last one's answer was lost)", len(held), k)
	}
	if want := fmt.Sprintf("%d/%s", conv, strings.Join(held[:k-1], ",")+","); found[1]+"/"+found[2] != want {
		t.Errorf("the error offers import %s…, want %s… (the conversation and the ids sent)", found[1]+"/"+found[2], want)
	}
	if r := s.run(t, "state", "rm", "livedesk_conversation.c"); r.ExitCode != 0 {
		t.Fatalf("state rm: %s", r.Output())
	}
	if r := s.run(t, "import", "-input=false", "-no-color", "livedesk_conversation.c", fmt.Sprintf("%d/%s", conv, strings.Join(held, ","))); r.ExitCode != 0 {
		t.Fatalf("import: %s", r.Output())
	}
	plan := s.run(t, "plan", "-input=false", "-no-color")
	if plan.ExitCode != 0 || strings.Contains(plan.Output(), "must be replaced") || strings.Count(plan.Output(), "id           = (known after apply)") != 6-k {
		t.Errorf("the plan after the import does not plan exactly the %d messages left, in place:\n%s", 6-k, tail(plan.Output()))
	}
	s.apply(t)
	st = s.server.Snapshot()
	if len(st.Conversations) != 1 {
		t.Fatalf("%d conversations, want the one created", len(st.Conversations))
	}
	requireTranscript(t, st, conv, 6)
	// The last message is incoming: the configured status is applied after it.
	if status := st.Conversations[0].Status; status != "resolved" {
		t.Errorf("status = %q, want resolved", status)
	}
	s.requireEmptyPlan(t)
}

func TestSavedPlanPinsTheBytesOfAttachedFiles(t *testing.T) {
	s := newStack(t, sandbox.Options{}, 0, nil)
	file := filepath.Join(s.ws.Dir, "doc.txt")
	writeFile(t, file, "reviewed bytes")
	s.writeConfig(t, defaultCredentials, fmt.Sprintf(`resource "livedesk_conversation" "c" {
  inbox_id   = "1"
  contact_id = "%d"
  messages = [
    { content = "before" },
    { content = "the doc", files = ["doc.txt"] },
  ]
}

resource "livedesk_message" "m" {
  conversation_id = livedesk_conversation.c.id
  files           = ["doc.txt"]
}
`, s.contactID))
	if res := s.run(t, "plan", "-out=saved.tfplan", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Fatalf("plan: %s", res.Output())
	}
	writeFile(t, file, "bytes nobody reviewed")
	res := s.run(t, "apply", "-input=false", "-no-color", "saved.tfplan")
	if res.ExitCode == 0 {
		t.Fatal("the saved plan was applied with other bytes")
	}
	if !strings.Contains(res.Output(), "files_sha256") {
		t.Errorf("the error does not point at files_sha256:\n%s", tail(res.Output()))
	}
	for _, m := range s.server.Snapshot().Messages {
		if len(m.Attachments) > 0 {
			t.Errorf("message %d with an attachment was sent: %+v", m.ID, m)
		}
	}
}

func TestRespelledOrDeletedFilesSendNothingAndDestroyWorks(t *testing.T) {
	s := newStack(t, sandbox.Options{}, 0, nil)
	file := filepath.Join(s.ws.Dir, "doc.txt")
	writeFile(t, file, "the same bytes")
	config := func(path string) string {
		return fmt.Sprintf(`resource "livedesk_conversation" "c" {
  inbox_id   = "1"
  contact_id = "%d"
  messages = [
    { content = "with a file", files = [%q] },
  ]
}

resource "livedesk_message" "m" {
  conversation_id = livedesk_conversation.c.id
  content         = "one-off"
  files           = [%q]
}
`, s.contactID, path, path)
	}
	s.writeConfig(t, defaultCredentials, config("doc.txt"))
	s.apply(t)
	before := s.server.Snapshot().Requests

	// The same bytes under another spelling: an in-place update that sends nothing.
	s.writeConfig(t, defaultCredentials, config("${path.module}/./doc.txt"))
	plan := s.run(t, "plan", "-input=false", "-no-color")
	if !strings.Contains(plan.Output(), "0 to add, 2 to change, 0 to destroy") {
		t.Errorf("plan for a respelled path:\n%s", tail(plan.Output()))
	}
	s.apply(t)
	s.requireEmptyPlan(t)

	// The file deleted after the send: plans and destroys still work.
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	s.requireEmptyPlan(t)
	after := s.server.Snapshot().Requests
	if after[postMessages] != before[postMessages] || after[postConversations] != before[postConversations] {
		t.Errorf("requests went from %v to %v; a respelled or deleted file must send nothing", before, after)
	}
	if res := s.run(t, "destroy", "-auto-approve", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Fatalf("destroy with a deleted file: %s", tail(res.Output()))
	} else if !strings.Contains(res.Output(), "LiveDesk cannot delete message") {
		t.Errorf("destroy did not warn that the message is only forgotten:\n%s", tail(res.Output()))
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// answerToggleStatus answers every status change with code and body, and
// passes every other request to the sandbox.
func answerToggleStatus(code int, body string) func(http.Handler) http.Handler {
	toggle := regexp.MustCompile(`^/api/v2/accounts/conversations/\d+/toggle_status$`)
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost && toggle.MatchString(r.URL.Path) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(code)
				_, _ = w.Write([]byte(body))
				return
			}
			h.ServeHTTP(w, r)
		})
	}
}

func TestDestroyOfAConversationLiveDeskNoLongerKnowsOrWillNotResolveWarnsAndForgets(t *testing.T) {
	for name, tc := range map[string]struct {
		code    int
		body    string
		warning string
	}{
		"404": {http.StatusNotFound, `{"error":"Resource could not be found"}`, "Conversation already gone"},
		"422": {http.StatusUnprocessableEntity, `{"error":"Invalid status transition"}`, "Conversation not resolved"},
	} {
		t.Run(name, func(t *testing.T) {
			s := newStackBehind(t, sandbox.Options{}, answerToggleStatus(tc.code, tc.body), nil)
			s.writeConfig(t, defaultCredentials, s.transcript(1, ""))
			s.apply(t)
			res := s.run(t, "destroy", "-auto-approve", "-input=false", "-no-color")
			if res.ExitCode != 0 || !strings.Contains(res.Output(), tc.warning) {
				t.Fatalf("destroy exited %d; want success with the warning %q:\n%s", res.ExitCode, tc.warning, tail(res.Output()))
			}
			if ids := s.stateIDs(t); len(ids["livedesk_conversation"]) != 0 {
				t.Errorf("the state still holds %v", ids)
			}
			if status := s.server.Snapshot().Conversations[0].Status; status != "open" {
				t.Errorf("the sandbox holds the conversation %q, want it left open", status)
			}
		})
	}
}

func TestCreateWhoseStatusIsRefusedIsKeptTaintedAndReplacedNextTime(t *testing.T) {
	s := newStackBehind(t, sandbox.Options{}, answerToggleStatus(http.StatusUnprocessableEntity, `{"error":"Invalid status transition"}`), nil)
	s.writeConfig(t, defaultCredentials, s.transcript(2, `  status = "resolved"`))
	res := s.run(t, applyArgs()...)
	if res.ExitCode == 0 || !strings.Contains(res.Output(), "Cannot set the conversation status") || !strings.Contains(res.Output(), "tainted") {
		t.Fatalf("apply exited %d; want the status error naming the tainted conversation:\n%s", res.ExitCode, tail(res.Output()))
	}
	st := s.server.Snapshot()
	requireTranscript(t, st, st.Conversations[0].ID, 2)
	if ids := s.stateIDs(t)["livedesk_conversation"]; len(ids) != 1 {
		t.Fatalf("the state holds conversations %v, want the one created", ids)
	}
	plan := s.run(t, "plan", "-input=false", "-no-color")
	if !strings.Contains(plan.Output(), "livedesk_conversation.c is tainted, so") || !strings.Contains(plan.Output(), "-/+ resource") {
		t.Errorf("the next plan does not replace the tainted conversation:\n%s", tail(plan.Output()))
	}
}

func TestEditingASentMessagePlansAReplacementAndSaysWhich(t *testing.T) {
	s := newStack(t, sandbox.Options{}, 0, nil)
	s.writeConfig(t, defaultCredentials, s.transcript(3, ""))
	s.apply(t)
	before := s.server.Snapshot().Requests
	s.writeConfig(t, defaultCredentials, strings.Replace(s.transcript(3, ""), `"message 1"`, `"message one"`, 1))
	plan := s.run(t, "plan", "-input=false", "-no-color")
	// Terraform wraps warnings, so compare with the white space folded.
	folded := strings.Join(strings.Fields(plan.Output()), " ")
	for _, want := range []string{"The conversation will be replaced", `messages[1] ("message 1") was sent and its content changed`, "must be replaced"} {
		if !strings.Contains(folded, want) {
			t.Errorf("the plan does not say %q:\n%s", want, tail(plan.Output()))
		}
	}
	if after := s.server.Snapshot().Requests; fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("planning sent requests: %v, then %v", before, after)
	}
}

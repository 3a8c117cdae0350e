package e2e

import (
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// inboxResource is a livedesk_conversations with n entries "k0".."k<n-1>",
// each with an inline contact and m messages "k<i> message <j>".
func inboxResource(n, m int, extra string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"livedesk_conversations\" \"all\" {\n  inbox_id = \"1\"\n%s\n  conversations = {\n", extra)
	for i := range n {
		var msgs []string
		for j := range m {
			msgs = append(msgs, fmt.Sprintf(`{ content = "k%d message %d" }`, i, j))
		}
		fmt.Fprintf(&b, "    k%d = {\n      contact = { name = \"K%d\", email = \"k%d@example.test\" }\n      messages = [%s]\n    }\n", i, i, i, strings.Join(msgs, ", "))
	}
	b.WriteString("  }\n}\n")
	return b.String()
}

// failNth fails, once each, the nth POST to a path matching each pattern
// (from 1), before the sandbox sees it.
func failNth(nth map[*regexp.Regexp]int) func(http.Handler) http.Handler {
	var mu sync.Mutex
	seen := map[*regexp.Regexp]int{}
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost {
				for pattern, n := range nth {
					if !pattern.MatchString(r.URL.Path) {
						continue
					}
					mu.Lock()
					seen[pattern]++
					fail := seen[pattern] == n
					mu.Unlock()
					if fail {
						http.Error(w, `{"error":"injected failure"}`, http.StatusInternalServerError)
						return
					}
				}
			}
			h.ServeHTTP(w, r)
		})
	}
}

// requireInbox fails the test unless the sandbox holds n conversations,
// each with its own contact once and "k<i> message 0".."k<i> message <m-1>"
// once each, in order.
func requireInbox(t *testing.T, st sandbox.State, n, m int) {
	t.Helper()
	if len(st.Contacts) != n+1 || len(st.Conversations) != n || len(st.Messages) != n*m {
		t.Fatalf("the sandbox holds %d contacts, %d conversations, %d messages; want %d (and the stack's own), %d, %d",
			len(st.Contacts), len(st.Conversations), len(st.Messages), n, n, n*m)
	}
	byConversation := map[int64][]string{}
	for _, msg := range st.Messages {
		byConversation[msg.ConversationID] = append(byConversation[msg.ConversationID], msg.Content)
	}
	for _, conv := range st.Conversations {
		got := byConversation[conv.ID]
		if len(got) != m {
			t.Fatalf("conversation %d holds %q, want %d messages", conv.ID, got, m)
		}
		prefix, _, _ := strings.Cut(got[0], " ")
		for j, content := range got {
			if want := fmt.Sprintf("%s message %d", prefix, j); content != want {
				t.Fatalf("conversation %d holds %q, want its messages once each, in order", conv.ID, got)
			}
		}
	}
}

func TestInboxResourceFailingMidSeedThenUntaintCompletesOnlyWhatIsMissing(t *testing.T) {
	const n, m = 6, 4
	front := failNth(map[*regexp.Regexp]int{
		regexp.MustCompile(`^/api/v2/accounts/conversations$`):              3,
		regexp.MustCompile(`^/api/v2/accounts/conversations/\d+/messages$`): 7,
	})
	s := newStackBehind(t, sandbox.Options{}, front, nil)
	s.writeConfig(t, defaultCredentials, inboxResource(n, m, "  max_parallel = 3"))
	res := s.run(t, applyArgs()...)
	if res.ExitCode == 0 {
		t.Fatal("apply succeeded though a conversation and a message failed")
	}
	out := res.Output()
	for _, want := range []string{"2 of 6 conversations were not completely seeded", "terraform untaint", "creating its conversation", "sending messages["} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("the error does not say %q:\n%s", want, tail(out))
		}
	}
	st := s.server.Snapshot()
	if len(st.Contacts) != n+1 || len(st.Conversations) != n-1 || len(st.Messages) >= n*m {
		t.Fatalf("after the failure the sandbox holds %d contacts, %d conversations, %d messages", len(st.Contacts), len(st.Conversations), len(st.Messages))
	}
	if res := s.run(t, "untaint", "-no-color", "livedesk_conversations.all"); res.ExitCode != 0 {
		t.Fatalf("untaint: %s", res.Output())
	}
	s.apply(t)
	requireInbox(t, s.server.Snapshot(), n, m)
	for _, c := range s.server.Snapshot().Conversations {
		if c.Status == "resolved" {
			t.Errorf("conversation %d was resolved: the completing apply replaced a conversation", c.ID)
		}
	}
	s.requireEmptyPlan(t)
}

func TestInboxResourceFailingUpdateCompletesWithoutUntaint(t *testing.T) {
	const n, m = 4, 3
	front := failNth(map[*regexp.Regexp]int{regexp.MustCompile(`^/api/v2/accounts/conversations/\d+/messages$`): n*m + 2})
	s := newStackBehind(t, sandbox.Options{}, front, nil)
	s.writeConfig(t, defaultCredentials, inboxResource(n, m, ""))
	s.apply(t)
	s.writeConfig(t, defaultCredentials, inboxResource(n+2, m, ""))
	if res := s.run(t, applyArgs()...); res.ExitCode == 0 {
		t.Fatal("apply succeeded though a message failed")
	}
	s.apply(t)
	requireInbox(t, s.server.Snapshot(), n+2, m)
	s.requireEmptyPlan(t)
}

func TestInboxResourceFromTheGuidesDataFile(t *testing.T) {
	s := newStack(t, sandbox.Options{}, 0, nil)
	dir := "../../examples/guides/seeding-conversations/at-scale/"
	for _, name := range []string{"main.tf", "conversations.yaml"} {
		data, err := os.ReadFile(dir + name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "main.tf" {
			s.writeConfig(t, defaultCredentials, string(data))
			continue
		}
		if err := s.ws.WriteFile(name, string(data)); err != nil {
			t.Fatal(err)
		}
	}
	s.apply(t)
	st := s.server.Snapshot()
	if len(st.Conversations) != 2 || len(st.Messages) != 4 || len(st.Contacts) != 3 {
		t.Fatalf("the sandbox holds %d conversations, %d messages, %d contacts; want 2, 4 and 3", len(st.Conversations), len(st.Messages), len(st.Contacts))
	}
	s.requireEmptyPlan(t)
}

func TestInboxResourcePlanWarnsOfAReplacedEntryAndARemovedKey(t *testing.T) {
	s := newStack(t, sandbox.Options{}, 0, nil)
	s.writeConfig(t, defaultCredentials, inboxResource(3, 2, ""))
	s.apply(t)
	changed := strings.Replace(inboxResource(3, 2, ""), `"k0 message 0"`, `"k0 message 0, edited"`, 1)
	withoutK2 := changed[:strings.Index(changed, "    k2 = {")] + "  }\n}\n"
	s.writeConfig(t, defaultCredentials, withoutK2)
	res := s.run(t, "plan", "-input=false", "-no-color")
	out := strings.Join(strings.Fields(res.Output()), " ")
	for _, want := range []string{
		`Conversation "k0" will be replaced`,
		`messages[0] ("k0 message 0") was sent and its content changed`,
		`Conversation "k2" will be resolved`,
		"Its contact",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the plan does not say %q:\n%s", want, tail(res.Output()))
		}
	}
	s.apply(t)
	st := s.server.Snapshot()
	resolved := 0
	for _, c := range st.Conversations {
		if c.Status == "resolved" {
			resolved++
		}
	}
	if len(st.Conversations) != 4 || resolved != 2 || len(st.Messages) != 8 {
		t.Fatalf("the sandbox holds %d conversations (%d resolved) and %d messages; want 4 (k0's old one and k2's resolved) and 8", len(st.Conversations), resolved, len(st.Messages))
	}
	s.requireEmptyPlan(t)
}

// An entry whose message already sent is known only at apply, and turns
// out changed, stops the apply before any request: the entry's replacement
// could not be in the plan.
func TestInboxResourceSentMessageKnownOnlyAtApplyThatChangesSendsNothing(t *testing.T) {
	s := newStack(t, sandbox.Options{}, 0, nil)
	config := func(greeting, generation string) string {
		return fmt.Sprintf(`resource "terraform_data" "greeting" {
  input            = %q
  triggers_replace = %q
}

resource "livedesk_conversations" "all" {
  inbox_id = "1"
  conversations = {
    a = {
      contact_id = "%d"
      messages   = [{ content = "Welcome" }, { content = terraform_data.greeting.output }]
    }
  }
}
`, greeting, generation, s.contactID)
	}
	s.writeConfig(t, defaultCredentials, config("Hello", "1"))
	s.apply(t)
	before := s.server.Snapshot().Requests
	// The same value, known only at apply: nothing is sent.
	s.writeConfig(t, defaultCredentials, config("Hello", "2"))
	s.apply(t)
	if after := s.server.Snapshot().Requests; fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("an unchanged message known only at apply sent requests: %v, then %v", before, after)
	}
	// Another value: the apply stops before any request.
	s.writeConfig(t, defaultCredentials, config("Goodbye", "3"))
	if res := s.run(t, applyArgs()...); res.ExitCode == 0 {
		t.Fatal("the apply changed a message already sent")
	}
	if after := s.server.Snapshot().Requests; fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("the refused apply sent requests: %v, then %v", before, after)
	}
	if st := s.server.Snapshot(); len(st.Conversations) != 1 || len(st.Messages) != 2 {
		t.Errorf("the sandbox holds %d conversations and %d messages, want 1 and 2", len(st.Conversations), len(st.Messages))
	}
}

// A livedesk_conversations with inline contacts, destroyed and applied
// again, adopts each contact by its identifier (one contact per key, a
// warning naming it) and sends each transcript once per apply; an inline
// contact matched only by email stays an error that says to use contact_id.
func TestInboxResourceWithInlineContactsResets(t *testing.T) {
	s := newStack(t, sandbox.Options{}, 0, nil)
	config := func(identifier string) string {
		return fmt.Sprintf(`resource "livedesk_conversations" "demo" {
  inbox_id = "1"
  conversations = {
    ada = {
      contact  = { name = "Ada", email = "ada@example.test", identifier = %q }
      messages = [{ content = "Hi, it's Ada", message_type = "incoming" }, { content = "Hello Ada" }]
    }
  }
}
`, identifier)
	}
	s.writeConfig(t, defaultCredentials, config("ada-demo"))
	s.apply(t)
	if res := s.run(t, "destroy", "-auto-approve", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Fatalf("destroy exited %d:\n%s", res.ExitCode, tail(res.Output()))
	}
	res := s.run(t, applyArgs()...)
	if res.ExitCode != 0 {
		t.Fatalf("applying again after destroy exited %d:\n%s", res.ExitCode, tail(res.Output()))
	}
	if !regexp.MustCompile(`Warning: Adopted the existing LiveDesk contact \d+ \(ada-demo\)`).MatchString(res.Output()) {
		t.Errorf("the second apply does not warn that it adopted the contact:\n%s", tail(res.Output()))
	}
	st := s.server.Snapshot()
	adas := 0
	for _, c := range st.Contacts {
		if c.Identifier == "ada-demo" {
			adas++
		}
	}
	if adas != 1 || len(st.Conversations) != 2 || len(st.Messages) != 4 {
		t.Errorf("the sandbox holds %d Adas, %d conversations and %d messages, want 1, 2 and 4 (each transcript once per apply)", adas, len(st.Conversations), len(st.Messages))
	}
	s.requireEmptyPlan(t)

	// The same email under another identifier is someone else's contact.
	if res := s.run(t, "destroy", "-auto-approve", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Fatalf("destroy exited %d:\n%s", res.ExitCode, tail(res.Output()))
	}
	s.writeConfig(t, defaultCredentials, config("ada-other"))
	res = s.run(t, applyArgs()...)
	out := strings.Join(strings.Fields(res.Output()), " ")
	if res.ExitCode == 0 || !strings.Contains(out, "Another LiveDesk contact already has this email, \"ada@example.test\"") ||
		!strings.Contains(out, "set contact_id to the existing contact's id instead of contact") {
		t.Errorf("an inline contact matched only by email was not refused with the way to use that contact (exit %d):\n%s", res.ExitCode, tail(res.Output()))
	}
}

// TestInboxResourceStatusWaitsForATranscriptThatFailedPartWay: an entry's
// status follows its transcript, so a send that fails leaves the status
// LiveDesk gave the conversation; the apply that completes the transcript
// sends the rest, then the status.
func TestInboxResourceStatusWaitsForATranscriptThatFailedPartWay(t *testing.T) {
	front := failNth(map[*regexp.Regexp]int{regexp.MustCompile(`^/api/v2/accounts/conversations/\d+/messages$`): 2})
	s := newStackBehind(t, sandbox.Options{}, front, nil)
	config := strings.Replace(inboxResource(1, 3, ""), "k0 = {\n", "k0 = {\n      status = \"resolved\"\n", 1)
	s.writeConfig(t, defaultCredentials, config)
	if res := s.run(t, applyArgs()...); res.ExitCode == 0 {
		t.Fatal("apply succeeded though a message failed")
	}
	st := s.server.Snapshot()
	if len(st.Conversations) != 1 || len(st.Messages) != 1 {
		t.Fatalf("after the failure the sandbox holds %d conversations and %d messages, want 1 and 1", len(st.Conversations), len(st.Messages))
	}
	if got := st.Conversations[0].Status; got != "open" {
		t.Fatalf("the conversation is %q after a failed send: the status was sent before the transcript was complete", got)
	}
	if res := s.run(t, "untaint", "-no-color", "livedesk_conversations.all"); res.ExitCode != 0 {
		t.Fatalf("untaint: %s", res.Output())
	}
	s.apply(t)
	st = s.server.Snapshot()
	requireInbox(t, st, 1, 3)
	if got := st.Conversations[0].Status; got != "resolved" {
		t.Fatalf("the completed conversation is %q, want resolved", got)
	}
	s.requireEmptyPlan(t)
}

package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// exampleStack is a stack whose workspace holds a copy of the example
// directory dir, as a user copies it, with the credentials and base URL
// in the environment the example reads them from.
func exampleStack(t *testing.T, dir string) *stack {
	t.Helper()
	s := newStack(t, sandbox.Options{}, 0, nil)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.ws.WriteFile(e.Name(), string(data)); err != nil {
			t.Fatal(err)
		}
	}
	s.ws.Env["LIVEDESK_BASE_URL"] = s.url
	s.ws.Env["LIVEDESK_API_KEY"] = sandbox.DefaultAPIKey
	s.ws.Env["LIVEDESK_API_SECRET"] = sandbox.DefaultAPISecret
	return s
}

// messagesByConversation counts the sandbox's messages per conversation.
func messagesByConversation(st sandbox.State) map[int64]int {
	n := map[int64]int{}
	for _, m := range st.Messages {
		n[m.ConversationID]++
	}
	return n
}

// The README's quick start, applied as written, then destroyed and applied
// again: the second apply warns that it adopted the contact the first one
// created, sends the transcript once more to a new conversation, and
// LiveDesk holds one such contact.
func TestGetStartedExampleAppliesDestroysAndAppliesAgain(t *testing.T) {
	s := exampleStack(t, "../../examples/guides/get-started")
	vars := "-var=inbox_id=1"
	s.apply(t, vars)
	st := s.server.Snapshot()
	if len(st.Contacts) != 2 || len(st.Conversations) != 1 || len(st.Messages) != 4 {
		t.Fatalf("after the first apply the sandbox holds %d contacts, %d conversations, %d messages; want 2 (with the fixture's), 1 and 4",
			len(st.Contacts), len(st.Conversations), len(st.Messages))
	}
	if a := st.Messages[1].Attachments; len(a) != 1 || a[0].FileName != "price-list.pdf" {
		t.Errorf("the agent's answer carries %+v, want price-list.pdf", a)
	}
	if res := s.run(t, "plan", "-detailed-exitcode", "-input=false", "-no-color", vars); res.ExitCode != 0 {
		t.Fatalf("the plan after apply is not empty:\n%s", tail(res.Output()))
	}
	if res := s.run(t, "destroy", "-auto-approve", "-input=false", "-no-color", vars); res.ExitCode != 0 {
		t.Fatalf("destroy exited %d:\n%s", res.ExitCode, tail(res.Output()))
	}
	res := s.run(t, applyArgs(vars)...)
	if res.ExitCode != 0 {
		t.Fatalf("applying again after destroy exited %d:\n%s", res.ExitCode, tail(res.Output()))
	}
	out := strings.Join(strings.Fields(res.Output()), " ")
	for _, want := range []string{"Warning: Adopted the existing LiveDesk contact 2 (demo-ada-tan)", `identifier "demo-ada-tan"`, "nothing was sent"} {
		if !strings.Contains(out, want) {
			t.Errorf("the second apply does not say %q:\n%s", want, tail(res.Output()))
		}
	}
	st = s.server.Snapshot()
	if len(st.Contacts) != 2 {
		t.Errorf("the sandbox holds %d contacts, want 2: the fixture's and the one contact both applies used", len(st.Contacts))
	}
	if n := messagesByConversation(st); len(st.Conversations) != 2 || n[st.Conversations[0].ID] != 4 || n[st.Conversations[1].ID] != 4 {
		t.Errorf("messages per conversation %v, want the 4 of the transcript in each of 2 conversations", n)
	}
	if st.Conversations[0].Status != "resolved" {
		t.Errorf("the first conversation is %q after destroy, want resolved", st.Conversations[0].Status)
	}
}

// The data-file guide's reset: destroy, then apply the same configuration;
// then a CI run with its own run_id creates contacts of its own.
func TestSeedFromDataFileExampleResets(t *testing.T) {
	s := exampleStack(t, "../../examples/guides/seed-from-data-file")
	vars := "-var=inbox_id=1"
	s.apply(t, vars)
	if res := s.run(t, "destroy", "-auto-approve", "-input=false", "-no-color", vars); res.ExitCode != 0 {
		t.Fatalf("destroy exited %d:\n%s", res.ExitCode, tail(res.Output()))
	}
	res := s.run(t, applyArgs(vars)...)
	if res.ExitCode != 0 {
		t.Fatalf("applying again after destroy exited %d:\n%s", res.ExitCode, tail(res.Output()))
	}
	for _, key := range []string{"kenji-watanabe", "priya-raman"} {
		if !regexp.MustCompile(`Warning: Adopted the existing LiveDesk contact \d+ \(` + key + `\)`).MatchString(res.Output()) {
			t.Errorf("the second apply does not warn that it adopted %s:\n%s", key, tail(res.Output()))
		}
	}
	st := s.server.Snapshot()
	if len(st.Contacts) != 3 {
		t.Errorf("the sandbox holds %d contacts, want 3: the fixture's and the data file's two", len(st.Contacts))
	}
	perConversation := messagesByConversation(st)
	var priya int64
	for _, c := range st.Contacts {
		if c.Identifier == "priya-raman" {
			priya = c.ID
		}
	}
	want := map[int64]int{} // duplicate-charge has 3 messages, delivery-address (Priya's) 2
	for _, c := range st.Conversations {
		want[c.ID] = 3
		if c.ContactID == priya {
			want[c.ID] = 2
		}
	}
	if len(st.Conversations) != 4 || len(st.Messages) != 10 {
		t.Errorf("the sandbox holds %d conversations and %d messages, want 4 and 10 (each transcript once per apply): %v",
			len(st.Conversations), len(st.Messages), perConversation)
	}
	for id, n := range want {
		if perConversation[id] != n {
			t.Errorf("conversation %d holds %d messages, want %d", id, perConversation[id], n)
		}
	}
	if res := s.run(t, "plan", "-detailed-exitcode", "-input=false", "-no-color", vars); res.ExitCode != 0 {
		t.Fatalf("the plan after apply is not empty:\n%s", tail(res.Output()))
	}
	if res := s.run(t, "destroy", "-auto-approve", "-input=false", "-no-color", vars); res.ExitCode != 0 {
		t.Fatalf("destroy exited %d:\n%s", res.ExitCode, tail(res.Output()))
	}
	s.apply(t, vars, "-var=run_id=ci-7")
	var mine []string // in id order: contacts are created in parallel
	for _, c := range s.server.Snapshot().Contacts {
		if strings.HasSuffix(c.Identifier, "-ci-7") {
			mine = append(mine, c.Identifier+" "+c.Email)
		}
	}
	slices.Sort(mine)
	if strings.Join(mine, ", ") != "kenji-watanabe-ci-7 kenji+ci-7@watanabe-design.example, priya-raman-ci-7 priya+ci-7@raman-foods.example" {
		t.Errorf("the run's own contacts are %v", mine)
	}
}

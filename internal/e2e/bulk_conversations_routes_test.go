package e2e

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// After a create that failed part way, Terraform marks the resource
// tainted; a plain apply, and -replace, are refused at plan before any
// request, with the untaint advice, which then completes only what is
// missing.
func TestInboxResourceTaintedAfterAFailedCreateIsNeverReplaced(t *testing.T) {
	const n, m = 5, 3
	front := failNth(map[*regexp.Regexp]int{regexp.MustCompile(`^/api/v2/accounts/conversations$`): 2})
	s := newStackBehind(t, sandbox.Options{}, front, nil)
	s.writeConfig(t, defaultCredentials, inboxResource(n, m, "  max_parallel = 2"))
	if res := s.run(t, applyArgs()...); res.ExitCode == 0 {
		t.Fatal("apply succeeded though a conversation failed")
	}
	before := s.server.Snapshot()
	for _, args := range [][]string{applyArgs(), applyArgs("-replace=livedesk_conversations.all")} {
		res := s.run(t, args...)
		out := strings.Join(strings.Fields(res.Output()), " ")
		if res.ExitCode == 0 || !strings.Contains(out, "livedesk_conversations cannot be replaced") || !strings.Contains(out, "terraform untaint") {
			t.Fatalf("terraform %s was not refused with the untaint advice:\n%s", strings.Join(args, " "), tail(res.Output()))
		}
		after := s.server.Snapshot()
		if len(after.Contacts) != len(before.Contacts) || len(after.Conversations) != len(before.Conversations) || len(after.Messages) != len(before.Messages) {
			t.Fatalf("terraform %s changed the sandbox", strings.Join(args, " "))
		}
		for _, c := range after.Conversations {
			if c.Status == "resolved" {
				t.Fatalf("terraform %s resolved conversation %d", strings.Join(args, " "), c.ID)
			}
		}
	}
	if res := s.run(t, "untaint", "-no-color", "livedesk_conversations.all"); res.ExitCode != 0 {
		t.Fatalf("untaint: %s", res.Output())
	}
	s.apply(t)
	requireInbox(t, s.server.Snapshot(), n, m)
	s.requireEmptyPlan(t)
}

// noRetries are the sandbox's credentials, with no retry of a failed
// request.
var noRetries = defaultCredentials + "\n  max_retries = 0"

// A replaced entry whose old conversation fails to resolve keeps it in
// the state, under a key of its own, and the next apply resolves it as it
// resolves a removed key; nothing is sent twice.
func TestInboxResourceReplacedConversationThatFailsToResolveStaysInTheState(t *testing.T) {
	const n, m = 2, 2
	failing := &failFirst{pattern: regexp.MustCompile(`^/api/v2/accounts/conversations/\d+/toggle_status$`)}
	s := newStackBehind(t, sandbox.Options{}, failing.handler, nil)
	s.writeConfig(t, noRetries, inboxResource(n, m, ""))
	s.apply(t)
	failing.set(1)
	old := map[int64]bool{}
	for _, c := range s.server.Snapshot().Conversations {
		old[c.ID] = true
	}
	edited := strings.Replace(inboxResource(n, m, ""), `"k0 message 0"`, `"k0 message 0, edited"`, 1)
	s.writeConfig(t, noRetries, edited)
	res := s.run(t, applyArgs()...)
	out := strings.Join(strings.Fields(res.Output()), " ")
	if res.ExitCode == 0 || !strings.Contains(out, "the next apply resolves it") {
		t.Fatalf("the failed resolve was not reported with the way forward:\n%s", tail(res.Output()))
	}
	res = s.run(t, "state", "show", "-no-color", "livedesk_conversations.all")
	if !strings.Contains(res.Output(), "(replaced ") {
		t.Fatalf("the state does not keep the replaced conversation:\n%s", tail(res.Output()))
	}
	failing.set(0)
	s.apply(t)
	st := s.server.Snapshot()
	resolved := 0
	for _, c := range st.Conversations {
		if old[c.ID] && c.Status == "resolved" {
			resolved++
		}
	}
	if len(st.Conversations) != n+1 || resolved != 1 {
		t.Fatalf("the sandbox holds %d conversations, %d of the first ones resolved; want %d and 1", len(st.Conversations), resolved, n+1)
	}
	if len(st.Messages) != n*m+m {
		t.Fatalf("the sandbox holds %d messages, want %d: a message was sent twice", len(st.Messages), n*m+m)
	}
	s.requireEmptyPlan(t)
}

// failFirst fails the next n POSTs to paths matching pattern, before the
// sandbox sees them.
type failFirst struct {
	pattern *regexp.Regexp
	mu      sync.Mutex
	n       int
}

// set fails the next n matching POSTs.
func (f *failFirst) set(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n = n
}

// handler wraps the sandbox.
func (f *failFirst) handler(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		fail := r.Method == http.MethodPost && f.pattern.MatchString(r.URL.Path) && f.n > 0
		if fail {
			f.n--
		}
		f.mu.Unlock()
		if fail {
			http.Error(w, `{"error":"injected failure"}`, http.StatusInternalServerError)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// inFlight counts the API requests being answered, and the most at once.
type inFlight struct {
	mu       sync.Mutex
	now, max int
}

// handler wraps the sandbox, holding each request for delay.
func (f *inFlight) handler(delay time.Duration) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			f.mu.Lock()
			f.now++
			f.max = max(f.max, f.now)
			f.mu.Unlock()
			time.Sleep(delay)
			h.ServeHTTP(w, r)
			f.mu.Lock()
			f.now--
			f.mu.Unlock()
		})
	}
}

// max_parallel bounds how many requests the seeding has in flight, each
// entry sending its own requests one after the other; destroy resolves
// every conversation and warns that the inline contacts stay.
func TestInboxResourceMaxParallelBoundsThePoolAndDestroyWarnsContactsStay(t *testing.T) {
	const n, m = 6, 2
	counter := &inFlight{}
	s := newStackBehind(t, sandbox.Options{}, counter.handler(30*time.Millisecond), nil)
	s.writeConfig(t, defaultCredentials, inboxResource(n, m, "  max_parallel = 2"))
	s.apply(t, "-parallelism=10")
	if counter.max > 2 {
		t.Errorf("%d requests were in flight at once with max_parallel = 2", counter.max)
	}
	if counter.max < 2 {
		t.Errorf("at most %d request in flight: the entries were not seeded concurrently", counter.max)
	}
	requireInbox(t, s.server.Snapshot(), n, m)
	res := s.run(t, "destroy", "-auto-approve", "-input=false", "-no-color")
	out := strings.Join(strings.Fields(res.Output()), " ")
	if res.ExitCode != 0 || !strings.Contains(out, fmt.Sprintf("%d inline contacts stay in LiveDesk", n)) {
		t.Fatalf("destroy did not warn that the inline contacts stay:\n%s", tail(res.Output()))
	}
	st := s.server.Snapshot()
	for _, c := range st.Conversations {
		if c.Status != "resolved" {
			t.Errorf("conversation %d is %s after destroy, want resolved", c.ID, c.Status)
		}
	}
	if len(st.Contacts) != n+1 {
		t.Errorf("the sandbox holds %d contacts after destroy, want %d: LiveDesk keeps them", len(st.Contacts), n+1)
	}
}

// A message that fails is reported with the import id that adopts the
// entries as LiveDesk holds them, inline contacts included.
func TestInboxResourceFailureAdviceImportsInlineContacts(t *testing.T) {
	const n, m = 2, 3
	failing := &failFirst{pattern: regexp.MustCompile(`^/api/v2/accounts/conversations/\d+/messages$`)}
	s := newStackBehind(t, sandbox.Options{}, failing.handler, nil)
	s.writeConfig(t, noRetries, inboxResource(n, m, "  max_parallel = 1"))
	s.apply(t)
	s.writeConfig(t, noRetries, inboxResource(n, m+1, "  max_parallel = 1"))
	failing.set(1)
	res := s.run(t, applyArgs()...)
	out := strings.Join(strings.Fields(res.Output()), " ")
	if res.ExitCode == 0 || !regexp.MustCompile(`terraform import <address> 1:k0=\d+/[^@;]+@\d+;k1=\d+/[\d,]+@\d+`).MatchString(out) {
		t.Fatalf("the failure does not advise the import with the inline contacts:\n%s", tail(res.Output()))
	}
}

// A replaced entry whose new conversation fails to be created keeps its
// old conversation in the state, unresolved and sent nothing; the next
// apply replaces it then.
func TestInboxResourceReplacementWhoseCreateFailsKeepsTheOldConversation(t *testing.T) {
	const n, m = 2, 2
	failing := &failFirst{pattern: regexp.MustCompile(`^/api/v2/accounts/conversations$`)}
	s := newStackBehind(t, sandbox.Options{}, failing.handler, nil)
	s.writeConfig(t, noRetries, inboxResource(n, m, ""))
	s.apply(t)
	old := map[string]bool{}
	for _, c := range s.server.Snapshot().Conversations {
		old[strconv.FormatInt(c.ID, 10)] = true
	}
	entryIDs := func() map[string]bool {
		state, err := s.ws.State(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		for _, r := range state.Values.RootModule.Resources {
			entries, _ := r.AttributeValues["conversations"].(map[string]any)
			for _, e := range entries {
				if id, ok := e.(map[string]any)["id"].(string); ok {
					ids[id] = true
				}
			}
		}
		return ids
	}
	failing.set(1)
	s.writeConfig(t, noRetries, strings.Replace(inboxResource(n, m, ""), `"k0 message 0"`, `"k0 message 0, edited"`, 1))
	if res := s.run(t, applyArgs()...); res.ExitCode == 0 {
		t.Fatal("apply succeeded though the replacement's conversation could not be created")
	}
	st := s.server.Snapshot()
	for _, c := range st.Conversations {
		if c.Status == "resolved" {
			t.Fatalf("conversation %d was resolved though its replacement was never created", c.ID)
		}
	}
	if len(st.Conversations) != n || len(st.Messages) != n*m {
		t.Fatalf("after the failure the sandbox holds %d conversations and %d messages, want %d and %d", len(st.Conversations), len(st.Messages), n, n*m)
	}
	if got := entryIDs(); !maps.Equal(got, old) {
		t.Fatalf("the state holds the conversations %v, want the old ones %v", got, old)
	}
	s.apply(t)
	st = s.server.Snapshot()
	resolved := 0
	for _, c := range st.Conversations {
		if old[strconv.FormatInt(c.ID, 10)] && c.Status == "resolved" {
			resolved++
		}
	}
	if len(st.Conversations) != n+1 || resolved != 1 || len(st.Messages) != n*m+m {
		t.Fatalf("the sandbox holds %d conversations (%d old ones resolved) and %d messages; want %d (1) and %d",
			len(st.Conversations), resolved, len(st.Messages), n+1, n*m+m)
	}
	s.requireEmptyPlan(t)
}

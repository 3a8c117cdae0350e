package e2e

import (
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

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

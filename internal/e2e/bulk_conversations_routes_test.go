package e2e

import (
	"regexp"
	"strings"
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

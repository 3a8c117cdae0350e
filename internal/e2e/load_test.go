package e2e

import (
	"testing"
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// TestLoadParallelCreatesThroughRateLimit applies 200 messages with
// -parallelism=50 against a sandbox that accepts 20 requests per second and
// answers the rest 429: every message must be created exactly once, and
// the apply must succeed, with the provider's default max_retries (4).
func TestLoadParallelCreatesThroughRateLimit(t *testing.T) {
	const messages = 200
	s := newStack(t, sandbox.Options{Faults: sandbox.Faults{RateLimit: 20, Latency: 10 * time.Millisecond}}, 0, nil)
	s.writeConfig(t, defaultCredentials, s.conversationWithMessages(messages))

	res := s.run(t, applyArgs("-parallelism=50")...)
	st := s.server.Snapshot()
	limited := st.Responses["429"]
	t.Logf("apply of %d messages with -parallelism=50 at 20 req/s: exit %d in %s; %d message requests, %d answered 429; responses %v",
		messages, res.ExitCode, res.Duration.Round(time.Millisecond), st.Requests[postMessages], limited, st.Responses)
	if res.ExitCode != 0 {
		t.Fatalf("terraform apply failed:\n%s", tail(res.Output()))
	}
	requireEachMessageOnce(t, st, messages)
	if len(st.Conversations) != 1 {
		t.Errorf("the sandbox holds %d conversations, want 1", len(st.Conversations))
	}
	if got, want := st.Requests[postMessages]+st.Requests[postConversations], 1+messages+limited; got != want {
		t.Errorf("%d create requests for 1 conversation, %d messages and %d answers 429: a create was repeated", got, messages, limited)
	}
	s.requireStateMatchesSandbox(t)
}

// Package e2e runs the Terraform CLI against a locally built provider and
// the in-process sandbox, for what terraform-plugin-testing cannot do:
// -parallelism, signals, and the CLI's full TF_LOG output. Every test is
// skipped unless TF_ACC is set; the Terraform CLI is TF_ACC_TERRAFORM_PATH
// or terraform on PATH.
package e2e

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/tfrun"
)

// Set by TestMain when TF_ACC is set.
var (
	cliPath   string // the terraform (or tofu) binary
	pluginDir string // where the provider was built, for dev_overrides
)

// The sandbox's request keys for conversation and message creates.
const (
	postConversations = "POST /api/v2/accounts/conversations"
	postMessages      = "POST /api/v2/accounts/conversations/{id}/messages"
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

// run builds the provider once for every test, when they are to run at all.
func run(m *testing.M) int {
	if os.Getenv("TF_ACC") == "" {
		return m.Run() // every test skips itself
	}
	var err error
	if cliPath, err = tfrun.CLIPath(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	dir, err := os.MkdirTemp("", "livedesk-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer func() { _ = os.RemoveAll(dir) }()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if pluginDir, err = tfrun.BuildProvider(ctx, dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return m.Run()
}

// stack is a sandbox and a Terraform workspace whose provider points at it.
type stack struct {
	server    *sandbox.Server
	url       string
	contactID int64
	ws        *tfrun.Workspace
}

// newStack serves a new sandbox holding one contact, optionally delaying
// every API answer by answerDelay after the sandbox has handled the
// request, and prepares an empty workspace whose commands get env.
func newStack(t *testing.T, opts sandbox.Options, answerDelay time.Duration, env map[string]string) *stack {
	t.Helper()
	return newStackBehind(t, opts, func(h http.Handler) http.Handler {
		if answerDelay > 0 {
			return slowAnswers(h, answerDelay)
		}
		return h
	}, env)
}

// newStackBehind is newStack with the sandbox served behind front, a
// handler that may alter what the API answers.
func newStackBehind(t *testing.T, opts sandbox.Options, front func(http.Handler) http.Handler, env map[string]string) *stack {
	t.Helper()
	if cliPath == "" {
		t.Skip("end-to-end test; set TF_ACC=1 to run it")
	}
	server := sandbox.New(opts)
	ts := httptest.NewServer(front(server))
	t.Cleanup(ts.Close)
	contact, err := server.AddContact(sandbox.ContactInput{Name: "E2E Customer"})
	if err != nil {
		t.Fatal(err)
	}
	ws, err := tfrun.NewWorkspace(t.TempDir(), cliPath, pluginDir, env)
	if err != nil {
		t.Fatal(err)
	}
	return &stack{server: server, url: ts.URL, contactID: contact.ID, ws: ws}
}

// slowAnswers delays each API answer of h by d after h has produced it,
// like a server that commits at once and whose answer is slow to arrive:
// a client that gives up waiting leaves the object behind. The answer is
// recorded first, so DropAfterCommitRate cannot be combined with it.
func slowAnswers(h http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/api/") {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		time.Sleep(d)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	})
}

// writeConfig writes main.tf: the provider block (base_url plus settings)
// and the given resources.
func (s *stack) writeConfig(t *testing.T, settings, resources string) {
	t.Helper()
	config := fmt.Sprintf(`terraform {
  required_providers {
    livedesk = {
      source = %q
    }
  }
}

provider "livedesk" {
  base_url = %q
%s
}

%s
`, tfrun.ProviderSource, s.url, settings, resources)
	if err := s.ws.WriteFile("main.tf", config); err != nil {
		t.Fatal(err)
	}
}

// defaultCredentials are provider settings for the sandbox's default key.
var defaultCredentials = fmt.Sprintf("  api_key    = %q\n  api_secret = %q", sandbox.DefaultAPIKey, sandbox.DefaultAPISecret)

// conversationWithMessages is a conversation with the stack's contact and
// n messages whose contents are "message 0" to "message n-1".
func (s *stack) conversationWithMessages(n int) string {
	return fmt.Sprintf(`resource "livedesk_conversation" "c" {
  inbox_id   = "1"
  contact_id = "%d"
}

resource "livedesk_message" "m" {
  count           = %d
  conversation_id = livedesk_conversation.c.id
  content         = "message ${count.index}"
}
`, s.contactID, n)
}

// run runs one CLI command to completion.
func (s *stack) run(t *testing.T, args ...string) tfrun.Result {
	t.Helper()
	res, err := s.ws.Run(context.Background(), args...)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// applyArgs are the arguments of an unattended terraform apply, plus extra.
func applyArgs(extra ...string) []string {
	return append([]string{"apply", "-auto-approve", "-input=false", "-no-color"}, extra...)
}

// apply runs terraform apply with extra arguments and fails the test
// unless it succeeds.
func (s *stack) apply(t *testing.T, extra ...string) {
	t.Helper()
	if res := s.run(t, applyArgs(extra...)...); res.ExitCode != 0 {
		t.Fatalf("terraform apply exited %d:\n%s", res.ExitCode, tail(res.Output()))
	}
}

// stateIDs returns the ids of the resources in the Terraform state, by
// resource type.
func (s *stack) stateIDs(t *testing.T) map[string][]string {
	t.Helper()
	state, err := s.ws.State(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string][]string{}
	if state.Values != nil {
		for _, r := range state.Values.RootModule.Resources {
			if id, ok := r.AttributeValues["id"].(string); ok {
				ids[r.Type] = append(ids[r.Type], id)
			}
		}
	}
	sortIDs(ids)
	return ids
}

// sortIDs sorts each list of decimal ids in numeric order.
func sortIDs(ids map[string][]string) {
	for _, list := range ids {
		slices.SortFunc(list, func(a, b string) int { return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b)) })
	}
}

// sandboxIDs returns the ids of the sandbox's conversations and messages,
// keyed by the resource type that manages them.
func sandboxIDs(st sandbox.State) map[string][]string {
	ids := map[string][]string{}
	for _, c := range st.Conversations {
		ids["livedesk_conversation"] = append(ids["livedesk_conversation"], strconv.FormatInt(c.ID, 10))
	}
	for _, m := range st.Messages {
		ids["livedesk_message"] = append(ids["livedesk_message"], strconv.FormatInt(m.ID, 10))
	}
	sortIDs(ids)
	return ids
}

// requireStateMatchesSandbox fails the test unless the state holds exactly
// the conversations and messages the sandbox holds: nothing created is
// missing from the state, and nothing in the state was not created.
func (s *stack) requireStateMatchesSandbox(t *testing.T) {
	t.Helper()
	inState, inSandbox := s.stateIDs(t), sandboxIDs(s.server.Snapshot())
	for _, typ := range []string{"livedesk_conversation", "livedesk_message"} {
		if !slices.Equal(inState[typ], inSandbox[typ]) {
			t.Fatalf("%s: the state holds %v, the sandbox %v", typ, inState[typ], inSandbox[typ])
		}
	}
}

// requireEachMessageOnce fails the test unless the sandbox holds exactly
// the messages "message 0" to "message n-1", each once.
func requireEachMessageOnce(t *testing.T, st sandbox.State, n int) {
	t.Helper()
	seen := map[string]int{}
	for _, m := range st.Messages {
		seen[m.Content]++
	}
	for i := range n {
		if content := fmt.Sprintf("message %d", i); seen[content] != 1 {
			t.Errorf("%q is in the sandbox %d times, want once", content, seen[content])
		}
	}
	if len(st.Messages) != n {
		t.Errorf("the sandbox holds %d messages, want %d", len(st.Messages), n)
	}
}

// tail returns the last 40 lines of text, for failure messages.
func tail(text string) string {
	const n = 40
	lines := strings.Split(text, "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

package provider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// Request keys of the sandbox's counters for the two creates these tests
// fault.
const (
	postConversations = "POST /api/v2/accounts/conversations"
	postMessages      = "POST /api/v2/accounts/conversations/{id}/messages"
)

// wrapped compiles a regexp in which every space matches any run of
// whitespace, because Terraform wraps long diagnostics across lines.
func wrapped(pattern string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(pattern, " ", `\s+`))
}

// providerWith returns the environment's provider block with extra
// settings (such as max_retries) added to it.
func (e *accEnv) providerWith(settings string) string {
	return strings.Replace(e.provider, `provider "livedesk" {`, `provider "livedesk" {`+"\n  "+settings, 1)
}

// messageChain is a conversation and n messages, each a reply to the one
// before, so that Terraform creates them one after another.
func messageChain(env *accEnv, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "resource \"livedesk_message\" \"m%d\" {\n  conversation_id = livedesk_conversation.test.id\n  content = \"chain %d\"\n", i, i)
		if i > 0 {
			fmt.Fprintf(&b, "  in_reply_to = livedesk_message.m%d.id\n", i-1)
		}
		b.WriteString("}\n")
	}
	return messagesConfig(env, b.String())
}

// providerLog makes the provider under test write its log, as JSON lines,
// to a file of the test's own, and returns a function that reads the
// lines the API client wrote there. It sets environment variables, so the
// test must not run in parallel; the Terraform CLI's own log, which goes
// to the same file, is kept at WARN.
func providerLog(t *testing.T) func() []clientLine {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("TF_LOG", "JSON")
	t.Setenv("TF_ACC_LOG", "WARN")
	t.Setenv("TF_LOG_PATH_MASK", filepath.Join(dir, "%s.log"))
	file := filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "__")+".log")
	return func() []clientLine {
		t.Helper()
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("reading the provider log: %v", err)
		}
		var lines []clientLine
		for _, raw := range bytes.Split(data, []byte("\n")) {
			var line clientLine
			if json.Unmarshal(raw, &line) == nil && strings.HasPrefix(line.Message, "LiveDesk API ") {
				lines = append(lines, line)
			}
		}
		return lines
	}
}

// clientLine is one line the API client logged (see internal/livedesk).
type clientLine struct {
	Message string `json:"@message"`
	Attempt int    `json:"attempt"`
	Reason  string `json:"reason"`
	WaitMS  int64  `json:"wait_ms"`
}

// linesWith returns the lines whose message is msg, such as "LiveDesk API
// request" (one per attempt) or "LiveDesk API request will be retried".
func linesWith(lines []clientLine, msg string) []clientLine {
	var out []clientLine
	for _, l := range lines {
		if l.Message == msg {
			out = append(out, l)
		}
	}
	return out
}

// snapshotCheck adapts an assertion on the sandbox to a step Check.
func snapshotCheck(sb *sandbox.Server, check func(sandbox.State) error) resource.TestCheckFunc {
	return func(*terraform.State) error { return check(sb.Snapshot()) }
}

// TestAccFaults_rateLimitedCreatesWaitForRetryAfter: every create after the
// first meets a 429 (one request per second, burst 1) with Retry-After: 1.
// The client must wait at least that long (recorded in its log), so that
// its single retry is accepted: a create refused twice would show an
// early retry. The sandbox holds each object once.
func TestAccFaults_rateLimitedCreatesWaitForRetryAfter(t *testing.T) {
	env := newAccEnv(t, func(o *sandbox.Options) { o.Faults.RateLimit = 1 })
	sb := env.requireSandbox(t)
	readLog := providerLog(t)
	const messages = 3
	resource.Test(t, env.testCase(resource.TestStep{
		Config: messageChain(env, messages),
		Check: snapshotCheck(sb, func(st sandbox.State) error {
			limited := st.Responses["429"]
			switch {
			case len(st.Conversations) != 1 || len(st.Messages) != messages:
				return fmt.Errorf("sandbox holds %d conversations and %d messages, want 1 and %d", len(st.Conversations), len(st.Messages), messages)
			case limited == 0:
				return fmt.Errorf("no request was rate limited (responses %v): the test proves nothing", st.Responses)
			case st.Requests[postConversations]+st.Requests[postMessages] != 1+messages+limited:
				return fmt.Errorf("requests %v with %d answered 429: a create was sent more than once plus its 429 retries", st.Requests, limited)
			}
			for i, m := range st.Messages {
				if want := fmt.Sprintf("chain %d", i); m.Content != want {
					return fmt.Errorf("message %d content %q, want %q", m.ID, m.Content, want)
				}
			}
			return nil
		}),
	}))

	retries := linesWith(readLog(), "LiveDesk API request will be retried")
	if limited := sb.Snapshot().Responses["429"]; len(retries) != limited {
		t.Fatalf("the client logged %d retries for %d answers 429: %+v", len(retries), limited, retries)
	}
	for _, r := range retries {
		switch {
		case r.Reason != "rate limited (429)":
			t.Errorf("retry %+v: want reason rate limited (429)", r)
		case r.WaitMS < time.Second.Milliseconds():
			t.Errorf("retry %+v waited %dms, less than the Retry-After of 1s", r, r.WaitMS)
		case r.Attempt != 1:
			t.Errorf("retry %+v: a create was refused more than once, so a retry came too early", r)
		}
	}
}

// ambiguousCreate is a create whose outcome the client cannot know.
type ambiguousCreate struct {
	name   string
	faults sandbox.Faults
	// cause is how the error reports the failure.
	cause string
	// kind is the object created: its resource, added to a configuration
	// holding livedesk_conversation.test, and what tells of it.
	kind createdKind
}

// createdKind is a kind of object whose create can be faulted.
type createdKind struct {
	// resource is the configuration of one such object.
	resource string
	// key is the sandbox request key of its create.
	key string
	// count counts the objects of the kind in the sandbox.
	count func(sandbox.State) int
	// lookFor is how the error tells the user to look for it.
	lookFor string
}

// TestAccFaults_ambiguousCreateIsNotRetried: a create that LiveDesk
// commits but answers with a 500, or whose connection drops after the
// request was sent, is sent once, is not in the state, and the error says
// the object may exist and where to look for it.
func TestAccFaults_ambiguousCreateIsNotRetried(t *testing.T) {
	message := createdKind{
		resource: `resource "livedesk_message" "ambiguous" {
  conversation_id = livedesk_conversation.test.id
  content         = "sent once"
}`,
		key:     postMessages,
		count:   func(st sandbox.State) int { return len(st.Messages) },
		lookFor: `look at the latest messages of conversation [0-9]+ in the LiveDesk console`,
	}
	conversation := createdKind{
		resource: `resource "livedesk_conversation" "ambiguous" {
  inbox_id   = livedesk_conversation.test.inbox_id
  contact_id = livedesk_conversation.test.contact_id
}`,
		key:     postConversations,
		count:   func(st sandbox.State) int { return len(st.Conversations) },
		lookFor: `look for a new conversation in inbox 1 in the LiveDesk console`,
	}
	commitThenFail, answered500 := sandbox.Faults{CommitThenFailRate: 1}, `answered 500 Internal Server Error: Internal server error`
	dropAfterCommit, dropped := sandbox.Faults{DropAfterCommitRate: 1}, `EOF`
	for _, tc := range []ambiguousCreate{
		{"message, committed then 500", commitThenFail, answered500, message},
		{"message, connection dropped", dropAfterCommit, dropped, message},
		{"conversation, committed then 500", commitThenFail, answered500, conversation},
		{"conversation, connection dropped", dropAfterCommit, dropped, conversation},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := newAccEnv(t)
			sb := env.requireSandbox(t)
			base := messagesConfig(env, "")
			var before sandbox.State
			resource.ParallelTest(t, env.testCase(
				resource.TestStep{Config: base},
				resource.TestStep{
					PreConfig: func() {
						before = sb.Snapshot()
						sb.SetFaults(tc.faults)
					},
					Config: base + "\n" + tc.kind.resource,
					ExpectError: wrapped(`(?s)` + tc.cause + `.*may have been created\. It was not retried, to avoid a duplicate, ` +
						`and it is not in the Terraform state\. Before applying again, ` + tc.kind.lookFor),
				},
				resource.TestStep{
					PreConfig: func() {
						sb.SetFaults(sandbox.Faults{})
						after := sb.Snapshot()
						if got := tc.kind.count(after) - tc.kind.count(before); got != 1 {
							t.Errorf("the faulted create left %d objects in the sandbox, want exactly 1", got)
						}
						if got := after.Requests[tc.kind.key] - before.Requests[tc.kind.key]; got != 1 {
							t.Errorf("%s was sent %d times, want once (no retry)", tc.kind.key, got)
						}
					},
					// The object LiveDesk committed is not in the state:
					// the configuration without it has nothing to change.
					Config:           base,
					ConfigPlanChecks: withPlanChecks(plancheck.ExpectEmptyPlan()),
				},
			))
		})
	}
}

// TestAccFaults_slowAnswerTimesOutNamingRequestTimeout: an answer slower
// than request_timeout fails the create once, naming the setting; as the
// request was sent, the error also says the object may exist.
func TestAccFaults_slowAnswerTimesOutNamingRequestTimeout(t *testing.T) {
	env := newAccEnv(t, func(o *sandbox.Options) { o.Faults.Latency = 2 * time.Second })
	sb := env.requireSandbox(t)
	resource.ParallelTest(t, env.testCase(resource.TestStep{
		Config: env.providerWith(`request_timeout = "1s"`) + "\n" + fmt.Sprintf(`
resource "livedesk_conversation" "test" {
  inbox_id   = %q
  contact_id = %q
}`, env.inboxID, env.contactID),
		ExpectError: wrapped(`(?s)no response within 1s.*LiveDesk did not answer within request_timeout \(1s\)\. Raise request_timeout in the provider block.*` +
			`the conversation may have been created\. It was not retried`),
	}))
	if got := sb.Snapshot().Requests[postConversations]; got != 1 {
		t.Errorf("the timed-out create was sent %d times, want once", got)
	}
}

// TestAccFaults_nothingListeningRetriesThenNamesURL: when nothing listens at
// base_url the create is retried max_retries times (the request provably
// never left), then fails naming the URL and the settings to check.
func TestAccFaults_nothingListeningRetriesThenNamesURL(t *testing.T) {
	env := newAccEnv(t)
	readLog := providerLog(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadURL := "http://" + ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, env.testCase(resource.TestStep{
		Config: fmt.Sprintf(`provider "livedesk" {
  base_url    = %q
  api_key     = "key"
  api_secret  = "secret"
  max_retries = 2
}

resource "livedesk_conversation" "test" {
  inbox_id   = "1"
  contact_id = "1"
}`, deadURL),
		ExpectError: wrapped(`(?s)LiveDesk API POST ` + regexp.QuoteMeta(deadURL) + `/api/v2/accounts/conversations: .*connection refused.*` +
			`The request never reached LiveDesk, even after retries \(max_retries\)\. Check base_url \(or LIVEDESK_BASE_URL\)`),
	}))

	log := readLog()
	var attempts []string
	for _, r := range linesWith(log, "LiveDesk API request") {
		attempts = append(attempts, strconv.Itoa(r.Attempt))
	}
	if got := strings.Join(attempts, ","); got != "1,2,3" {
		t.Errorf("attempts logged %q, want 1,2,3 (the first and max_retries = 2 retries)", got)
	}
	for _, r := range linesWith(log, "LiveDesk API request will be retried") {
		if !strings.HasPrefix(r.Reason, "request not sent: ") || !strings.Contains(r.Reason, "connection refused") {
			t.Errorf("retry %+v: want reason request not sent: ... connection refused", r)
		}
	}
}

// TestAccFaults_unauthorizedIsNotRetried: credentials LiveDesk refuses fail
// at the first request, which is not retried, and the error names the
// environment variables and provider attributes to check.
func TestAccFaults_unauthorizedIsNotRetried(t *testing.T) {
	// The provider block keeps the default secret, which this sandbox
	// no longer accepts.
	env := newAccEnv(t, func(o *sandbox.Options) { o.APISecret = "rotated-secret" })
	sb := env.requireSandbox(t)
	resource.ParallelTest(t, env.testCase(resource.TestStep{
		Config:      conversationConfig(env, fmt.Sprintf("contact_id = %q", env.contactID)),
		ExpectError: wrapped(`(?s)answered 401 Unauthorized: Invalid API key or secret.*Check LIVEDESK_API_KEY and LIVEDESK_API_SECRET \(or api_key and api_secret in the provider block\)`),
	}))
	st := sb.Snapshot()
	if st.Requests[postConversations] != 1 || st.Responses["401"] != 1 || len(st.Conversations) != 0 {
		t.Errorf("requests %v, responses %v, %d conversations; want one refused create", st.Requests, st.Responses, len(st.Conversations))
	}
}

// TestAccFaults_unknownConversationNamesID: a message to a conversation
// LiveDesk does not have fails once, naming the conversation id.
func TestAccFaults_unknownConversationNamesID(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	resource.ParallelTest(t, env.testCase(resource.TestStep{
		Config: env.config(`
resource "livedesk_message" "test" {
  conversation_id = "424242"
  content         = "to nowhere"
}`),
		ExpectError: wrapped(`(?s)LiveDesk has no conversation 424242 \(conversation_id\)\. Check the id.*answered 404 Not Found: Resource could not be found`),
	}))
	st := sb.Snapshot()
	if st.Requests[postMessages] != 1 || st.Responses["404"] != 1 || len(st.Messages) != 0 {
		t.Errorf("requests %v, responses %v, %d messages; want one refused send", st.Requests, st.Responses, len(st.Messages))
	}
}

// TestAccFaults_unknownReferencesOnCreateAreNamed: a conversation or a
// contact created against an inbox or contact LiveDesk does not have fails,
// naming the references sent.
func TestAccFaults_unknownReferencesOnCreateAreNamed(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: env.config(`
resource "livedesk_conversation" "test" {
  inbox_id   = "4040"
  contact_id = "4141"
}`),
			ExpectError: wrapped(`(?s)LiveDesk did not find one of the references sent: inbox_id = 4040, contact_id = 4141`),
		},
		resource.TestStep{
			Config: env.config(`
resource "livedesk_contact" "test" {
  inbox_id = "4040"
  name     = "Nobody"
}`),
			ExpectError: wrapped(`(?s)LiveDesk did not find inbox_id = 4040`),
		},
	))
}

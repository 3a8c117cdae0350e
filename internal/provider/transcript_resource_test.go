package provider

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// transcriptConfig is a conversation with the environment's contact and
// the given messages list elements.
func transcriptConfig(env *accEnv, extra string, elems ...string) string {
	list := ""
	for _, e := range elems {
		list += "    " + e + ",\n"
	}
	return conversationConfig(env, fmt.Sprintf("contact_id = %q\n%s\n  messages = [\n%s  ]", env.contactID, extra, list))
}

// conversationMessages lists the sandbox's messages of the conversation in
// the state, in id order.
func conversationMessages(t *testing.T, sb *sandbox.Server, s *terraform.State) []sandbox.Message {
	t.Helper()
	conv := sandboxConversation(t, sb, s)
	var out []sandbox.Message
	for _, m := range sb.Snapshot().Messages {
		if m.ConversationID == conv.ID {
			out = append(out, m)
		}
	}
	return out
}

// requestsAre checks the number of send-message requests the sandbox saw.
func requestsAre(sb *sandbox.Server, want int) error {
	if n := sb.Snapshot().Requests[postMessages]; n != want {
		return fmt.Errorf("%d send-message requests, want %d", n, want)
	}
	return nil
}

func TestAccTranscript_twoSidedAppendInPlaceEditReplaces(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	file := filepath.Join(t.TempDir(), "invoice.txt")
	writeFile(t, file, []byte("invoice 42\n"))
	asks := `{ content = "Where is my order?", message_type = "incoming" }`
	answer := fmt.Sprintf(`{ content = "Here is the invoice", files = [%q] }`, file)
	note := `{ content = "VIP customer", private = true }`
	thanks := `{ content = "Thanks!", message_type = "incoming", reply_to = 1 }`
	id := func(i int) tfjsonpath.Path { return tfjsonpath.New("messages").AtSliceIndex(i).AtMapKey("id") }
	var firstConversation int64
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: transcriptConfig(env, `  status = "resolved"`, asks, answer, note, thanks),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(conversationAddr, id(0), numericID),
				statecheck.ExpectKnownValue(conversationAddr, id(3), numericID),
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("messages").AtSliceIndex(1).AtMapKey("files_sha256"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(sha256Hex([]byte("invoice 42\n")))})),
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("messages").AtSliceIndex(1).AtMapKey("attachments").AtSliceIndex(0).AtMapKey("file_size"),
					knownvalue.Int64Exact(int64(len("invoice 42\n")))),
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("status"), knownvalue.StringExact("resolved")),
			},
			Check: func(s *terraform.State) error {
				conv := sandboxConversation(t, sb, s)
				firstConversation = conv.ID
				msgs := conversationMessages(t, sb, s)
				if len(msgs) != 4 {
					return fmt.Errorf("the conversation holds %d messages, want 4", len(msgs))
				}
				if msgs[0].MessageType != "incoming" || msgs[0].SenderType != "contact" || fmt.Sprint(msgs[0].SenderID) != env.contactID {
					return fmt.Errorf("first message %+v, want incoming from contact %s", msgs[0], env.contactID)
				}
				if len(msgs[1].Attachments) != 1 || msgs[1].Attachments[0].SHA256 != sha256Hex([]byte("invoice 42\n")) {
					return fmt.Errorf("the answer's attachments: %+v", msgs[1].Attachments)
				}
				if !msgs[2].Private || msgs[2].MessageType != "outgoing" {
					return fmt.Errorf("the note %+v, want a private outgoing message", msgs[2])
				}
				if msgs[3].InReplyTo == nil || *msgs[3].InReplyTo != msgs[1].ID {
					return fmt.Errorf("the reply %+v, want in_reply_to %d (the id LiveDesk gave messages[1])", msgs[3], msgs[1].ID)
				}
				if conv.Status != "resolved" {
					return fmt.Errorf("status %q: the incoming last message reopened it, so resolved must be applied after it", conv.Status)
				}
				return requestsAre(sb, 4)
			},
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			Config: transcriptConfig(env, `  status = "resolved"`, asks, answer, note, thanks, `{ content = "Anything else?" }`),
			ConfigPlanChecks: withPlanChecks(
				plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectUnknownValue(conversationAddr, id(4)),
				plancheck.ExpectKnownValue(conversationAddr, id(3), numericID),
			),
			Check: func(s *terraform.State) error {
				msgs := conversationMessages(t, sb, s)
				if len(msgs) != 5 || msgs[4].Content != "Anything else?" || msgs[4].ID <= msgs[3].ID {
					return fmt.Errorf("after the append the conversation holds %+v", msgs)
				}
				return requestsAre(sb, 5)
			},
		},
		resource.TestStep{
			Config:             transcriptConfig(env, `  status = "resolved"`, `{ content = "Where is my order #42?", message_type = "incoming" }`, answer, note, thanks, `{ content = "Anything else?" }`),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		},
		resource.TestStep{
			PreConfig: func() {
				if err := requestsAre(sb, 5); err != nil {
					t.Errorf("planning an edit sent something: %v", err)
				}
			},
			Config:           transcriptConfig(env, `  status = "resolved"`, `{ content = "Where is my order #42?", message_type = "incoming" }`, answer, note, thanks, `{ content = "Anything else?" }`),
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionDestroyBeforeCreate)),
			Check: func(s *terraform.State) error {
				conv := sandboxConversation(t, sb, s)
				if conv.ID == firstConversation {
					return fmt.Errorf("editing a sent message kept conversation %d", conv.ID)
				}
				if msgs := conversationMessages(t, sb, s); len(msgs) != 5 || msgs[0].Content != "Where is my order #42?" {
					return fmt.Errorf("the new conversation holds %+v", msgs)
				}
				return requestsAre(sb, 10)
			},
		},
	))
}

func TestAccTranscript_refusedAtPlan(t *testing.T) {
	env := newAccEnv(t)
	for name, tc := range map[string]struct {
		elems []string
		err   string
	}{
		"neither content nor files": {[]string{`{ message_type = "incoming" }`}, `needs content or files`},
		"incoming private note":     {[]string{`{ content = "x", message_type = "incoming", private = true }`}, `incoming message cannot be private`},
		"reply to itself":           {[]string{`{ content = "a" }`, `{ content = "b", reply_to = 1 }`}, `reply_to must name an earlier message`},
		"reply to a later message":  {[]string{`{ content = "a", reply_to = 1 }`, `{ content = "b" }`}, `reply_to must name an earlier message`},
		"both reply kinds":          {[]string{`{ content = "a" }`, `{ content = "b", reply_to = 0, in_reply_to = "5" }`}, `exclude each other`},
		"unknown direction":         {[]string{`{ content = "a", message_type = "activity" }`}, `message_type`},
		"missing file":              {[]string{`{ content = "a", files = ["/nonexistent/file.txt"] }`}, `no file at`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, env.testCase(resource.TestStep{
				Config:      transcriptConfig(env, "", tc.elems...),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(tc.err),
			}))
		})
	}
	if env.sandbox != nil {
		if n := len(env.sandbox.Snapshot().Requests); n != 0 {
			t.Errorf("refused configurations sent %d kinds of request", n)
		}
	}
}

// An imported conversation adopts its configuration with no request but
// the configured status: what LiveDesk holds cannot be read back, so the
// status the plan shows is sent.
func TestAccConversation_importAdoptsTheConfigurationSendingOnlyTheStatus(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	config := conversationConfig(env, fmt.Sprintf("contact_id = %q\n  status = \"resolved\"\n  resolve_on_destroy = false", env.contactID))
	var before map[string]int
	var id string
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{Config: config, Check: func(s *terraform.State) error { id = stateID(s, conversationAddr); return nil }},
		resource.TestStep{Config: env.config("")}, // forgotten, as after a lost create answer
		resource.TestStep{
			Config:             config,
			ResourceName:       conversationAddr,
			ImportState:        true,
			ImportStateIdFunc:  func(*terraform.State) (string, error) { return id, nil },
			ImportStatePersist: true,
		},
		resource.TestStep{
			PreConfig: func() { before = sb.Snapshot().Requests },
			Config:    config,
			ConfigPlanChecks: withPlanChecks(
				plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionUpdate),
			),
			Check: func(*terraform.State) error {
				after := sb.Snapshot().Requests
				if after[postToggleStatus] != before[postToggleStatus]+1 {
					return fmt.Errorf("%d status requests, want the configured status sent once", after[postToggleStatus]-before[postToggleStatus])
				}
				after[postToggleStatus] = before[postToggleStatus]
				if fmt.Sprint(after) != fmt.Sprint(before) {
					return fmt.Errorf("adopting the configuration sent other requests: %v, then %v", before, after)
				}
				return nil
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("status"), knownvalue.StringExact("resolved")),
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("contact_id"), knownvalue.StringExact(env.contactID)),
			},
		},
	))
}

func TestAccMessage_importAdoptsTheConfigurationWithoutARequest(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	config := messagesConfig(env, `
resource "livedesk_message" "m" {
  conversation_id = livedesk_conversation.test.id
  content         = "adopt me"
  message_type    = "incoming"
}`)
	var before map[string]int
	var importID string
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{Config: config, Check: func(s *terraform.State) error {
			importID = stateID(s, conversationAddr) + "/" + stateID(s, "livedesk_message.m")
			return nil
		}},
		resource.TestStep{Config: messagesConfig(env, "")}, // forgotten, as after a lost send answer
		resource.TestStep{
			Config:             config,
			ResourceName:       "livedesk_message.m",
			ImportState:        true,
			ImportStateIdFunc:  func(*terraform.State) (string, error) { return importID, nil },
			ImportStatePersist: true,
		},
		resource.TestStep{
			PreConfig:        func() { before = sb.Snapshot().Requests },
			Config:           config,
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction("livedesk_message.m", plancheck.ResourceActionUpdate)),
			Check: func(*terraform.State) error {
				if after := sb.Snapshot().Requests; fmt.Sprint(after) != fmt.Sprint(before) {
					return fmt.Errorf("adopting the configuration sent requests: %v, then %v", before, after)
				}
				return nil
			},
		},
		resource.TestStep{
			Config:        config,
			ResourceName:  "livedesk_message.m",
			ImportState:   true,
			ImportStateId: "407-3031",
			ExpectError:   regexp.MustCompile(`<conversation_id>/<message_id>`),
		},
	))
}

func TestAccConversation_snoozedUntilSetChangedAndCleared(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	config := func(extra string) string {
		return conversationConfig(env, fmt.Sprintf("contact_id = %q\n  status = \"snoozed\"\n%s", env.contactID, extra))
	}
	snoozedUntil := func(want *int64) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			got := sandboxConversation(t, sb, s)
			if got.Status != "snoozed" || deref(got.SnoozedUntil) != deref(want) {
				return fmt.Errorf("the sandbox holds status %q until %v, want snoozed until %v", got.Status, deref(got.SnoozedUntil), deref(want))
			}
			return nil
		}
	}
	first, second := int64(1893456000), int64(1893542400) // 2030-01-01 and 2030-01-02, UTC
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config:      conversationConfig(env, fmt.Sprintf("contact_id = %q\n  status = \"open\"\n  snoozed_until = \"2030-01-01T00:00:00Z\"", env.contactID)),
			ExpectError: regexp.MustCompile(`snoozed_until needs status`),
		},
		resource.TestStep{
			Config:      config(`  snoozed_until = "tomorrow"`),
			ExpectError: regexp.MustCompile(`not an RFC 3339 time`),
		},
		resource.TestStep{Config: config(`  snoozed_until = "2030-01-01T00:00:00Z"`), Check: snoozedUntil(&first), ConfigPlanChecks: emptyPlanAfterApply},
		resource.TestStep{
			Config:           config(`  snoozed_until = "2030-01-02T08:00:00+08:00"`),
			Check:            snoozedUntil(&second),
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionUpdate)),
		},
		resource.TestStep{
			Config:           config(""),
			Check:            snoozedUntil(nil),
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionUpdate)),
		},
	))
}

func deref(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestAccTranscript_messagesKnownOnlyAtApply: a transcript built from values
// known only at apply is planned as unknown, sent as it turns out, and an
// append sends only the new message. When the values turn out to change a
// message already sent, the apply stops before sending anything, and a new
// plan replaces the conversation.
func TestAccTranscript_messagesKnownOnlyAtApply(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	config := func(contents ...string) string {
		return env.config(`
resource "terraform_data" "contents" {
  input = %s
}

resource "livedesk_conversation" "test" {
  inbox_id   = %q
  contact_id = %q
  messages   = [for c in terraform_data.contents.output : { content = c }]
}`, hclList(contents), env.inboxID, env.contactID)
	}
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config:           config("first", "second"),
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectUnknownValue(conversationAddr, tfjsonpath.New("messages"))),
			Check: func(s *terraform.State) error {
				if msgs := conversationMessages(t, sb, s); len(msgs) != 2 || msgs[0].Content != "first" || msgs[1].Content != "second" {
					return fmt.Errorf("the conversation holds %+v", msgs)
				}
				return requestsAre(sb, 2)
			},
		},
		resource.TestStep{
			Config: config("first", "second", "third"),
			Check: func(s *terraform.State) error {
				if msgs := conversationMessages(t, sb, s); len(msgs) != 3 || msgs[2].Content != "third" {
					return fmt.Errorf("the conversation holds %+v", msgs)
				}
				return requestsAre(sb, 3)
			},
		},
		resource.TestStep{
			Config: config("FIRST", "second", "third"),
			// Terraform's apply-time plan of the known values replaces the
			// conversation, and Terraform stops there; the provider's own
			// check before sending is the second guard.
			ExpectError: wrapped(`changed the planned action from Update to DeleteThenCreate|A message already sent would change`),
		},
		resource.TestStep{
			PreConfig: func() {
				if err := requestsAre(sb, 3); err != nil {
					t.Errorf("the refused apply sent something: %v", err)
				}
			},
			Config: config("first", "second", "third"),
		},
	))
}

// hclList writes strings as an HCL list.
func hclList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = fmt.Sprintf("%q", v)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

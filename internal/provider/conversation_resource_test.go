package provider

import (
	"fmt"
	"regexp"
	"strconv"
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

const conversationAddr = "livedesk_conversation.test"

var numericID = knownvalue.StringRegexp(regexp.MustCompile(`^[1-9][0-9]*$`))

func conversationConfig(env *accEnv, extra string) string {
	return env.config(`
resource "livedesk_conversation" "test" {
  inbox_id   = %q
  %s
}`, env.inboxID, extra)
}

// sandboxConversation returns the sandbox's record of the conversation in
// the state.
func sandboxConversation(t *testing.T, sb *sandbox.Server, s *terraform.State) sandbox.Conversation {
	t.Helper()
	id := stateID(s, conversationAddr)
	c, ok := sandboxRecord(sb.Snapshot().Conversations, func(c sandbox.Conversation) int64 { return c.ID }, id)
	if !ok {
		t.Fatalf("the sandbox holds no conversation %s", id)
	}
	return c
}

// sandboxStatusIs checks that the sandbox holds the conversation with the
// given status, and how many status changes it received; against the real
// API it checks nothing, as nothing can be read back.
func sandboxStatusIs(t *testing.T, env *accEnv, status string, changes int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if env.sandbox == nil {
			return nil
		}
		if got := sandboxConversation(t, env.sandbox, s); got.Status != status || got.StatusChanges != changes {
			return fmt.Errorf("the sandbox holds the conversation %q after %d status changes, want %q after %d", got.Status, got.StatusChanges, status, changes)
		}
		return nil
	}
}

func TestAccConversation_contactIDAndStatusInPlace(t *testing.T) {
	env := newAccEnv(t)
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: conversationConfig(env, fmt.Sprintf("contact_id = %q", env.contactID)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("id"), numericID),
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("inbox_id"), knownvalue.StringExact(env.inboxID)),
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("contact_id"), knownvalue.StringExact(env.contactID)),
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("source_id"), knownvalue.Null()),
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("status"), knownvalue.StringExact("open")),
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("resolve_on_destroy"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("uuid"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))),
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("account_id"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
			},
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionCreate)),
		},
		resource.TestStep{
			Config: conversationConfig(env, fmt.Sprintf("contact_id = %q\n  status = \"resolved\"", env.contactID)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("status"), knownvalue.StringExact("resolved")),
			},
			Check:            sandboxStatusIs(t, env, "resolved", 1),
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionUpdate)),
		},
		// The documented rules refuse resolved to snoozed: at plan time,
		// with the way through, and with no request.
		resource.TestStep{
			Config:      conversationConfig(env, fmt.Sprintf("contact_id = %q\n  status = \"snoozed\"", env.contactID)),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)LiveDesk refuses to change a resolved conversation to snoozed.*Set status = "open" and apply`),
		},
		resource.TestStep{
			PreConfig: func() {
				if env.sandbox == nil {
					return
				}
				if n := env.sandbox.Snapshot().Requests["POST /api/v2/accounts/conversations/{id}/toggle_status"]; n != 1 {
					t.Errorf("%d toggle_status requests after the refused plan, want only the one that resolved it", n)
				}
			},
			Config: conversationConfig(env, fmt.Sprintf("contact_id = %q\n  status = \"pending\"", env.contactID)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("status"), knownvalue.StringExact("pending")),
			},
			Check:            sandboxStatusIs(t, env, "pending", 2),
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionUpdate)),
		},
	))
}

func TestAccConversation_sandboxRecordsCreateStatusAndResolveOnDestroy(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	var conversationID int64
	tc := env.testCase(
		resource.TestStep{
			Config: conversationConfig(env, fmt.Sprintf("contact_id = %q\n  status = \"snoozed\"", env.contactID)),
			Check: func(s *terraform.State) error {
				got := sandboxConversation(t, sb, s)
				conversationID = got.ID
				if fmt.Sprint(got.ContactID) != env.contactID || got.Status != "snoozed" {
					return fmt.Errorf("sandbox holds %+v, want contact %s snoozed", got, env.contactID)
				}
				if n := sb.Snapshot().Requests["POST /api/v2/accounts/conversations"]; n != 1 {
					return fmt.Errorf("%d create requests, want exactly 1", n)
				}
				return nil
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("status"), knownvalue.StringExact("snoozed")),
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("account_id"), knownvalue.Int64Exact(sandbox.DefaultAccountID)),
			},
			ConfigPlanChecks: emptyPlanAfterApply,
		},
	)
	tc.CheckDestroy = func(*terraform.State) error {
		for _, c := range sb.Snapshot().Conversations {
			if c.ID == conversationID && c.Status != "resolved" {
				return fmt.Errorf("after destroy conversation %d is %q, want resolved", c.ID, c.Status)
			}
		}
		return nil
	}
	resource.ParallelTest(t, tc)
}

func TestAccConversation_sourceIDOnlyComputesContactID(t *testing.T) {
	env := newAccEnv(t)
	resource.ParallelTest(t, env.testCase(resource.TestStep{
		Config: conversationConfig(env, fmt.Sprintf("source_id = %q", env.sourceID)),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("source_id"), knownvalue.StringExact(env.sourceID)),
			statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("contact_id"), knownvalue.StringExact(env.contactID)),
		},
		ConfigPlanChecks: withPlanChecks(plancheck.ExpectUnknownValue(conversationAddr, tfjsonpath.New("contact_id"))),
	}))
}

func TestAccConversation_resolveOnDestroyFalseLeavesItOpen(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	tc := env.testCase(resource.TestStep{
		Config: conversationConfig(env, fmt.Sprintf("contact_id = %q\n  resolve_on_destroy = false", env.contactID)),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("resolve_on_destroy"), knownvalue.Bool(false)),
		},
		ConfigPlanChecks: emptyPlanAfterApply,
	})
	tc.CheckDestroy = func(*terraform.State) error {
		snap := sb.Snapshot()
		if len(snap.Conversations) != 1 || snap.Conversations[0].Status != "open" {
			return fmt.Errorf("after destroy the sandbox holds %+v, want one open conversation", snap.Conversations)
		}
		if n := snap.Requests["POST /api/v2/accounts/conversations/{id}/toggle_status"]; n != 0 {
			return fmt.Errorf("%d toggle_status requests, want none", n)
		}
		return nil
	}
	resource.ParallelTest(t, tc)
}

func TestAccConversation_changingContactReplaces(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	other, err := sb.AddContact(sandbox.ContactInput{InboxID: 1, Name: "Other Contact"})
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{Config: conversationConfig(env, fmt.Sprintf("contact_id = %q", env.contactID)), ConfigPlanChecks: emptyPlanAfterApply},
		resource.TestStep{
			Config:           conversationConfig(env, fmt.Sprintf("contact_id = %q", fmt.Sprint(other.ID))),
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionDestroyBeforeCreate)),
			Check: func(*terraform.State) error {
				if n := len(sb.Snapshot().Conversations); n != 2 {
					return fmt.Errorf("%d conversations, want 2 (the first resolved, a new one)", n)
				}
				return nil
			},
		},
	))
}

// A sent message removed from the transcript (the last one, or the whole
// list left out) plans a new conversation, never crashes the plan, and
// the apply sends the transcript once to the new conversation and
// resolves the old one.
func TestAccConversation_removingSentMessagesReplaces(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	msgs := []string{`{ content = "m0" }`, `{ content = "m1" }`, `{ content = "m2" }`, `{ content = "m3" }`}
	var first, second sandbox.Conversation
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: transcriptConfig(env, "", msgs...),
			Check: func(s *terraform.State) error {
				first = sandboxConversation(t, sb, s)
				return requestsAre(sb, 4)
			},
		},
		resource.TestStep{
			Config:           transcriptConfig(env, "", msgs[:3]...),
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionDestroyBeforeCreate)),
			Check: func(s *terraform.State) error {
				second = sandboxConversation(t, sb, s)
				if second.ID == first.ID {
					return fmt.Errorf("still conversation %d: removing a sent message must replace it", first.ID)
				}
				if old, _ := sandboxRecord(sb.Snapshot().Conversations, func(c sandbox.Conversation) int64 { return c.ID }, fmt.Sprint(first.ID)); old.Status != "resolved" {
					return fmt.Errorf("the replaced conversation is %q, want resolved", old.Status)
				}
				if msgs := conversationMessages(t, sb, s); len(msgs) != 3 || msgs[2].Content != "m2" {
					return fmt.Errorf("the new conversation holds %+v, want m0..m2", msgs)
				}
				return requestsAre(sb, 4+3)
			},
		},
		resource.TestStep{
			Config: conversationConfig(env, fmt.Sprintf("contact_id = %q", env.contactID)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: func(s *terraform.State) error {
				if conv := sandboxConversation(t, sb, s); conv.ID == second.ID || len(conversationMessages(t, sb, s)) != 0 {
					return fmt.Errorf("messages left out: conversation %d holds %d messages, want a new one with none", conv.ID, len(conversationMessages(t, sb, s)))
				}
				return requestsAre(sb, 4+3)
			},
		},
		resource.TestStep{
			Config:           transcriptConfig(env, ""),
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionUpdate)),
			Check:            func(*terraform.State) error { return requestsAre(sb, 4+3) },
		},
	))
}

// A sent message removed from the middle of the transcript, sent messages
// reordered, or messages = [] after messages were sent, plans a new
// conversation (never crashes the plan):
// the apply sends the new transcript once, in its order, to the new
// conversation, nothing to the old one, and resolves the old one.
func TestAccConversation_removingAMiddleReorderingOrEmptyingSentMessagesReplaces(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	msg := func(content string) string { return fmt.Sprintf(`{ content = %q }`, content) }
	var previous sandbox.Conversation
	replacedBy := func(sent int, want ...string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			conv := sandboxConversation(t, sb, s)
			if conv.ID == previous.ID {
				return fmt.Errorf("still conversation %d: the edit must replace it", conv.ID)
			}
			old, _ := sandboxRecord(sb.Snapshot().Conversations, func(c sandbox.Conversation) int64 { return c.ID }, fmt.Sprint(previous.ID))
			if old.Status != "resolved" {
				return fmt.Errorf("the replaced conversation is %q, want resolved", old.Status)
			}
			var got []string
			for _, m := range conversationMessages(t, sb, s) {
				got = append(got, m.Content)
			}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				return fmt.Errorf("the new conversation holds %q, want %q", got, want)
			}
			previous = conv
			return requestsAre(sb, sent)
		}
	}
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: transcriptConfig(env, "", msg("m0"), msg("m1"), msg("m2"), msg("m3")),
			Check: func(s *terraform.State) error {
				previous = sandboxConversation(t, sb, s)
				return requestsAre(sb, 4)
			},
		},
		resource.TestStep{
			Config:           transcriptConfig(env, "", msg("m0"), msg("m2"), msg("m3")),
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionDestroyBeforeCreate)),
			Check:            replacedBy(4+3, "m0", "m2", "m3"),
		},
		resource.TestStep{
			Config:           transcriptConfig(env, "", msg("m2"), msg("m0"), msg("m3")),
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionDestroyBeforeCreate)),
			Check:            replacedBy(4+3+3, "m2", "m0", "m3"),
		},
		resource.TestStep{
			Config:           transcriptConfig(env, ""),
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionDestroyBeforeCreate)),
			Check:            replacedBy(4 + 3 + 3),
		},
	))
}

// Removing status and snoozed_until sends nothing and applies cleanly: the
// state records the status LiveDesk holds and no snooze time.
func TestAccConversation_removingStatusAndSnoozeSendsNothing(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: transcriptConfig(env, `  status = "snoozed"
  snoozed_until = "2031-01-01T09:00:00Z"`, `{ content = "m0" }`),
			Check: func(*terraform.State) error {
				if n := sb.Snapshot().Requests[postToggleStatus]; n != 1 {
					return fmt.Errorf("%d status requests, want 1", n)
				}
				return nil
			},
		},
		resource.TestStep{
			Config: transcriptConfig(env, "", `{ content = "m0" }`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("status"), knownvalue.StringExact("snoozed")),
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("snoozed_until"), knownvalue.Null()),
			},
			Check: func(s *terraform.State) error {
				if n := sb.Snapshot().Requests[postToggleStatus]; n != 1 {
					return fmt.Errorf("%d status requests, want still 1: nothing is configured to send", n)
				}
				if conv := sandboxConversation(t, sb, s); conv.Status != "snoozed" {
					return fmt.Errorf("LiveDesk holds %q, want it left snoozed", conv.Status)
				}
				return requestsAre(sb, 1)
			},
			ConfigPlanChecks: emptyPlanAfterApply,
		},
	))
}

// An imported conversation's configured status is sent by the first
// apply, as the plan shows, since what LiveDesk holds cannot be read.
func TestAccConversation_importedStatusIsSent(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	contact, err := strconv.ParseInt(env.contactID, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	conv, err := sb.AddConversation(sandbox.ConversationInput{ContactID: contact})
	if err != nil {
		t.Fatal(err)
	}
	config := conversationConfig(env, fmt.Sprintf("contact_id = %q\n  status = \"resolved\"", env.contactID))
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{Config: config, ResourceName: conversationAddr, ImportState: true, ImportStateId: fmt.Sprint(conv.ID), ImportStatePersist: true},
		resource.TestStep{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: func(s *terraform.State) error {
				if got := sandboxConversation(t, sb, s); got.Status != "resolved" {
					return fmt.Errorf("LiveDesk holds %q after the apply that planned resolved", got.Status)
				}
				return requestsAre(sb, 0)
			},
		},
	))
}

// A livedesk_message in a conversation whose sent message is known only at
// apply is not replaced (nothing is sent to the customer again): the
// conversation's planned id stays known while it is not replaced.
func TestAccConversation_messageStaysWhenASentElementIsKnownOnlyAtApply(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	config := func(generation string) string {
		return env.config(`
resource "terraform_data" "greeting" {
  input            = "Hello"
  triggers_replace = %q
}

resource "livedesk_conversation" "test" {
  inbox_id   = %q
  contact_id = %q
  messages   = [{ content = "Welcome" }, { content = terraform_data.greeting.output }]
}

resource "livedesk_message" "one_off" {
  conversation_id = livedesk_conversation.test.id
  content         = "One more thing"
}`, generation, env.inboxID, env.contactID)
	}
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{Config: config("1"), Check: func(*terraform.State) error { return requestsAre(sb, 3) }},
		resource.TestStep{
			Config: config("2"),
			ConfigPlanChecks: withPlanChecks(
				plancheck.ExpectResourceAction("livedesk_message.one_off", plancheck.ResourceActionNoop),
				plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("id"), numericID),
			),
			Check: func(*terraform.State) error { return requestsAre(sb, 3) },
		},
	))
}

// lockedInbox makes the sandbox's inbox 1 answer every create for a
// contact with the contact's one conversation.
func lockedInbox(o *sandbox.Options) {
	o.Inboxes = []sandbox.Inbox{{ID: 1, Name: "Locked", LockToSingleConversation: true}}
}

// onlyOneTranscript checks that the sandbox's one conversation holds the
// messages of one transcript only, none of the other's.
func onlyOneTranscript(sb *sandbox.Server) error {
	st := sb.Snapshot()
	if len(st.Conversations) != 1 {
		return fmt.Errorf("the sandbox holds %d conversations, want 1", len(st.Conversations))
	}
	seen := map[string]bool{}
	for _, m := range st.Messages {
		seen[strings.Fields(m.Content)[0]] = true
	}
	if len(seen) != 1 {
		return fmt.Errorf("the locked conversation holds messages of %d transcripts (%v): they were merged", len(seen), seen)
	}
	return nil
}

// Two livedesk_conversation resources for one contact of an inbox locked
// to a single conversation, created in one apply: the second is refused
// before any message is sent to the conversation the first one holds.
func TestAccConversation_lockedInboxRefusesASecondResource(t *testing.T) {
	env := newAccEnv(t, lockedInbox)
	sb := env.requireSandbox(t)
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: env.config(`
resource "livedesk_conversation" "billing" {
  inbox_id   = %[1]q
  contact_id = %[2]q
  messages   = [{ content = "billing 0" }, { content = "billing 1" }]
}

resource "livedesk_conversation" "refund" {
  inbox_id   = %[1]q
  contact_id = %[2]q
  messages   = [{ content = "refund 0" }, { content = "refund 1" }]
}`, env.inboxID, env.contactID),
			ExpectError: regexp.MustCompile(`(?s)LiveDesk did not create a new conversation.*(created in this\s+same\s+run|already\s+holds\s+messages).*lock\s+to\s+single\s+conversation`),
		},
		resource.TestStep{RefreshState: true, ExpectNonEmptyPlan: true, Check: func(*terraform.State) error { return onlyOneTranscript(sb) }},
	))
}

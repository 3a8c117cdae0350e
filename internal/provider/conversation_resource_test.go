package provider

import (
	"fmt"
	"regexp"
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

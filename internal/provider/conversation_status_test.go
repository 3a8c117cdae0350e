package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// postToggleStatus is the sandbox's request key of a status change.
const postToggleStatus = "POST /api/v2/accounts/conversations/{id}/toggle_status"

// toggleRequestsAre checks the number of status requests the sandbox saw.
func toggleRequestsAre(sb *sandbox.Server, want int) error {
	if n := sb.Snapshot().Requests[postToggleStatus]; n != want {
		return fmt.Errorf("%d toggle_status requests, want %d", n, want)
	}
	return nil
}

// With no status configured, nothing sends one: an agent's change in the
// console is not undone by an appended incoming message.
func TestAccConversation_noStatusConfiguredSendsNoStatus(t *testing.T) {
	env := newAccEnv(t, func(o *sandbox.Options) {
		o.Inboxes = []sandbox.Inbox{{ID: 1, Name: "Bot", ActiveBot: true}}
	})
	sb := env.requireSandbox(t)
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: transcriptConfig(env, "", `{ content = "Hello", message_type = "incoming" }`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("status"), knownvalue.StringExact("pending")),
			},
		},
		resource.TestStep{
			PreConfig: func() {
				// An agent takes the conversation over from the bot.
				if err := sb.SetConversationStatus(sb.Snapshot().Conversations[0].ID, "open"); err != nil {
					t.Fatal(err)
				}
			},
			Config: transcriptConfig(env, "", `{ content = "Hello", message_type = "incoming" }`, `{ content = "Still there?", message_type = "incoming" }`),
			Check: func(s *terraform.State) error {
				if got := sandboxConversation(t, sb, s).Status; got != "open" {
					return fmt.Errorf("the sandbox holds the conversation %q, want the agent's open", got)
				}
				return toggleRequestsAre(sb, 0)
			},
		},
	))
}

// An imported conversation whose configuration sets a status and holds an
// incoming message: the adopting apply sends the message, which reopens
// the conversation, then the status.
func TestAccConversation_adoptingApplyAppliesTheStatusAfterAnIncomingMessage(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	resolved := conversationConfig(env, fmt.Sprintf("contact_id = %q\n  status = \"resolved\"\n  resolve_on_destroy = false", env.contactID))
	withIncoming := transcriptConfig(env, "  status = \"resolved\"\n  resolve_on_destroy = false", `{ content = "One more thing", message_type = "incoming" }`)
	var conv string
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{Config: resolved, Check: func(s *terraform.State) error { conv = stateID(s, conversationAddr); return nil }},
		resource.TestStep{Config: env.config("")},
		resource.TestStep{
			Config:             withIncoming,
			ResourceName:       conversationAddr,
			ImportState:        true,
			ImportStateIdFunc:  func(*terraform.State) (string, error) { return conv, nil },
			ImportStatePersist: true,
		},
		resource.TestStep{
			Config:           withIncoming,
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("status"), knownvalue.StringExact("resolved")),
			},
			Check: func(s *terraform.State) error {
				if got := sandboxConversation(t, sb, s).Status; got != "resolved" {
					return fmt.Errorf("the sandbox holds the conversation %q, want resolved after the incoming message", got)
				}
				return toggleRequestsAre(sb, 2)
			},
		},
	))
}

// A sent element whose content is known only at apply (taken from a
// resource replaced in the same run) plans in place: the same value sends
// nothing, and a different one stops the apply before any request.
func TestAccTranscript_sentElementKnownOnlyAtApplyPlansInPlace(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	config := func(content, generation string) string {
		return env.config(`
resource "terraform_data" "greeting" {
  input            = %q
  triggers_replace = %q
}

resource "livedesk_conversation" "test" {
  inbox_id   = %q
  contact_id = %q
  messages   = [{ content = "Welcome" }, { content = terraform_data.greeting.output }]
}`, content, generation, env.inboxID, env.contactID)
	}
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{Config: config("Hello", "1"), Check: func(*terraform.State) error { return requestsAre(sb, 2) }},
		resource.TestStep{
			Config: config("Hello", "2"),
			ConfigPlanChecks: withPlanChecks(
				plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectUnknownValue(conversationAddr, tfjsonpath.New("messages").AtSliceIndex(1).AtMapKey("content")),
			),
			Check: func(*terraform.State) error { return requestsAre(sb, 2) },
		},
		resource.TestStep{
			Config:      config("Goodbye", "3"),
			ExpectError: wrapped(`changed the planned action from Update to DeleteThenCreate`),
		},
		resource.TestStep{
			PreConfig: func() {
				if err := requestsAre(sb, 2); err != nil {
					t.Errorf("the refused apply sent something: %v", err)
				}
			},
			Config: config("Hello", "4"),
		},
	))
}

// An incoming message appended to a resolved conversation reopens it; the
// configured status is applied again after it, in the same apply.
func TestAccConversation_statusIsAppliedAgainAfterAnAppendedIncomingMessage(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	resolved := "  status = \"resolved\""
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: transcriptConfig(env, resolved, `{ content = "Solved, thanks" }`),
			Check:  func(*terraform.State) error { return toggleRequestsAre(sb, 1) },
		},
		resource.TestStep{
			Config:           transcriptConfig(env, resolved, `{ content = "Solved, thanks" }`, `{ content = "One more question", message_type = "incoming" }`),
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("status"), knownvalue.StringExact("resolved")),
			},
			Check: func(s *terraform.State) error {
				if got := sandboxConversation(t, sb, s).Status; got != "resolved" {
					return fmt.Errorf("the sandbox holds the conversation %q, want resolved again after the incoming message", got)
				}
				return toggleRequestsAre(sb, 2)
			},
		},
		// An outgoing message reopens nothing: no status request.
		resource.TestStep{
			Config: transcriptConfig(env, resolved, `{ content = "Solved, thanks" }`, `{ content = "One more question", message_type = "incoming" }`,
				`{ content = "Answered by mail" }`),
			Check: func(*terraform.State) error { return toggleRequestsAre(sb, 2) },
		},
	))
}

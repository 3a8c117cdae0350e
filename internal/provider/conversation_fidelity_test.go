package provider

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// These tests hold what the server underneath LiveDesk does to a
// conversation create: they need the sandbox's inbox options.

const fidelityConversation = "livedesk_conversation.fidelity"

// fidelityConversationConfig is one conversation in inbox 1 with the
// given attributes.
func fidelityConversationConfig(env *accEnv, attrs string) string {
	return env.config(`
resource "livedesk_conversation" "fidelity" {
  inbox_id = "1"
  %s
}`, attrs)
}

// fidelityContact adds a contact to the sandbox and returns it.
func fidelityContact(t *testing.T, sb *sandbox.Server, in sandbox.ContactInput) sandbox.Contact {
	t.Helper()
	c, err := sb.AddContact(in)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// conversationsIn counts the sandbox's conversations in an inbox.
func conversationsIn(sb *sandbox.Server, inboxID int64) int {
	n := 0
	for _, c := range sb.Snapshot().Conversations {
		if c.InboxID == inboxID {
			n++
		}
	}
	return n
}

func TestAccConversation_sourceIDOfAnotherInboxIsAClearError(t *testing.T) {
	env := newAccEnv(t, func(o *sandbox.Options) {
		o.Inboxes = []sandbox.Inbox{{ID: 1, Name: "One"}, {ID: 2, Name: "Two"}}
	})
	sb := env.requireSandbox(t)
	fidelityContact(t, sb, sandbox.ContactInput{InboxID: 2, Name: "In Two", SourceID: "src-in-two"})
	resource.ParallelTest(t, env.testCase(resource.TestStep{
		Config:      fidelityConversationConfig(env, `source_id = "src-in-two"`),
		ExpectError: regexp.MustCompile(`(?s)LiveDesk did not create a new conversation.*conversation \d+ in inbox 2, not in the\s+requested\s+inbox_id\s+1.*"src-in-two"`),
	}))
}

func TestAccConversation_lockedInboxAnsweringTheExistingConversationIsAClearError(t *testing.T) {
	env := newAccEnv(t, func(o *sandbox.Options) {
		o.Inboxes = []sandbox.Inbox{{ID: 1, Name: "Locked", LockToSingleConversation: true}}
	})
	sb := env.requireSandbox(t)
	contact := fidelityContact(t, sb, sandbox.ContactInput{Name: "Locked In", Identifier: "locked-in"})
	existing, err := sb.AddConversation(sandbox.ConversationInput{ContactID: contact.ID, CreatedAt: time.Now().Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, env.testCase(resource.TestStep{
		Config:      fidelityConversationConfig(env, fmt.Sprintf(`contact_id = "%d"`, contact.ID)),
		ExpectError: regexp.MustCompile(fmt.Sprintf(`(?s)LiveDesk did not create a new conversation.*conversation %d.*lock to single\s+conversation`, existing.ID)),
	}))
	if n := conversationsIn(sb, 1); n != 1 {
		t.Errorf("%d conversations in the locked inbox, want the existing one only", n)
	}
}

func TestAccConversation_activeBotInboxStartsPendingThenConfiguredStatus(t *testing.T) {
	for name, tc := range map[string]struct {
		status        string // configured; "" for none
		want          string
		statusChanges int
	}{
		// No status configured: the state records what LiveDesk answered.
		"no status": {"", "pending", 0},
		// A configured status is applied after the pending start.
		"open": {"open", "open", 1},
	} {
		t.Run(name, func(t *testing.T) {
			env := newAccEnv(t, func(o *sandbox.Options) {
				o.Inboxes = []sandbox.Inbox{{ID: 1, Name: "Bot", ActiveBot: true}}
			})
			sb := env.requireSandbox(t)
			attrs := fmt.Sprintf("contact_id = %q", env.contactID)
			if tc.status != "" {
				attrs += fmt.Sprintf("\n  status = %q", tc.status)
			}
			resource.ParallelTest(t, env.testCase(resource.TestStep{
				Config: fidelityConversationConfig(env, attrs),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(fidelityConversation, tfjsonpath.New("status"), knownvalue.StringExact(tc.want)),
				},
				Check: func(s *terraform.State) error {
					id := stateID(s, fidelityConversation)
					for _, c := range sb.Snapshot().Conversations {
						if strconv.FormatInt(c.ID, 10) == id {
							if c.Status != tc.want || c.StatusChanges != tc.statusChanges {
								return fmt.Errorf("the sandbox holds conversation %s %s after %d status changes, want %s after %d",
									id, c.Status, c.StatusChanges, tc.want, tc.statusChanges)
							}
							return nil
						}
					}
					return fmt.Errorf("the sandbox holds no conversation %s", id)
				},
				ConfigPlanChecks: emptyPlanAfterApply,
			}))
		})
	}
}

func TestAccConversation_blockedContactStartsResolved(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	blocked := fidelityContact(t, sb, sandbox.ContactInput{Name: "Blocked", Identifier: "blocked", Blocked: true})
	resource.ParallelTest(t, env.testCase(resource.TestStep{
		Config: fidelityConversationConfig(env, fmt.Sprintf(`contact_id = "%d"`, blocked.ID)),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(fidelityConversation, tfjsonpath.New("status"), knownvalue.StringExact("resolved")),
		},
		ConfigPlanChecks: emptyPlanAfterApply,
	}))
}

// TestAccConversation_statusIsAppliedAgainAfterAnIncomingMessage: a blocked
// contact's conversation starts resolved, as configured, but the incoming
// message of its transcript reopens it; the configured status must be
// applied again after the last message.
func TestAccConversation_statusIsAppliedAgainAfterAnIncomingMessage(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	blocked := fidelityContact(t, sb, sandbox.ContactInput{Name: "Blocked Writer", Identifier: "blocked-writer", Blocked: true})
	resource.ParallelTest(t, env.testCase(resource.TestStep{
		Config: fidelityConversationConfig(env, fmt.Sprintf(`contact_id = "%d"
  status     = "resolved"
  messages   = [{ content = "Are you there?", message_type = "incoming" }]`, blocked.ID)),
		Check: func(*terraform.State) error {
			conv := sb.Snapshot().Conversations[0]
			if conv.Status != "resolved" || len(sb.Snapshot().Messages) != 1 {
				return fmt.Errorf("the sandbox holds the conversation %q with %d messages, want resolved with 1", conv.Status, len(sb.Snapshot().Messages))
			}
			return nil
		},
		ConfigPlanChecks: emptyPlanAfterApply,
	}))
}

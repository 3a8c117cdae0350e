package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// The create check judges a conversation's age by the server's clock: a
// server whose clock is off from this machine's must neither have its new
// conversations refused (and orphaned, one per apply) nor hide a locked
// inbox.

// skews are the server clock offsets tried: well beyond the minute the
// check allows, either way.
var skews = map[string]time.Duration{"server 10 minutes ahead": 10 * time.Minute, "server 10 minutes behind": -10 * time.Minute}

func TestAccConversation_serverClockOffCreatesAndStores(t *testing.T) {
	for name, skew := range skews {
		t.Run(name, func(t *testing.T) {
			env := newAccEnv(t, func(o *sandbox.Options) { o.ClockOffset = skew })
			sb := env.requireSandbox(t)
			resource.ParallelTest(t, env.testCase(resource.TestStep{
				Config:            fidelityConversationConfig(env, fmt.Sprintf("contact_id = %q", env.contactID)),
				ConfigPlanChecks:  emptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(fidelityConversation, tfjsonpath.New("id"), knownvalue.NotNull())},
			}))
			if n := conversationsIn(sb, 1); n != 1 {
				t.Errorf("the sandbox holds %d conversations, want the one created", n)
			}
		})
	}
}

func TestAccConversation_serverClockOffStillDetectsALockedInbox(t *testing.T) {
	for name, skew := range skews {
		t.Run(name, func(t *testing.T) {
			env := newAccEnv(t, func(o *sandbox.Options) {
				o.ClockOffset = skew
				o.Inboxes = []sandbox.Inbox{{ID: 1, Name: "Locked", LockToSingleConversation: true}}
			})
			sb := env.requireSandbox(t)
			contact := fidelityContact(t, sb, sandbox.ContactInput{Name: "Locked In", Identifier: "locked-in"})
			// An hour old by the server's clock.
			existing, err := sb.AddConversation(sandbox.ConversationInput{ContactID: contact.ID, CreatedAt: time.Now().Add(skew - time.Hour)})
			if err != nil {
				t.Fatal(err)
			}
			resource.ParallelTest(t, env.testCase(resource.TestStep{
				Config:      fidelityConversationConfig(env, fmt.Sprintf(`contact_id = "%d"`, contact.ID)),
				ExpectError: regexp.MustCompile(fmt.Sprintf(`(?s)LiveDesk did not create a new conversation.*conversation %d, created at \S+ by\s+LiveDesk's\s+clock,\s+which\s+read\s+\S+\s+when\s+it\s+answered\s+\(1h0m\d+s\s+earlier`, existing.ID)),
			}))
			if n := conversationsIn(sb, 1); n != 1 {
				t.Errorf("%d conversations in the locked inbox, want the existing one only", n)
			}
		})
	}
}

package provider

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// A sent transcript of one entry reordered, or with an element removed
// from its middle, replaces that entry's conversation alone: the plan
// warns which element, the old conversation is resolved and receives
// nothing, and a new one receives the whole new transcript in order.

func TestAccConversations_reorderedTranscriptReplacesItsEntryAlone(t *testing.T) {
	testTranscriptEditReplaces(t, []string{"m0", "m1", "m3", "m2"},
		`messages[2] ("m2") was sent and is moved to messages[3]: LiveDesk keeps messages in the order they arrived`)
}

func TestAccConversations_middleMessageRemovedReplacesItsEntryAlone(t *testing.T) {
	testTranscriptEditReplaces(t, []string{"m0", "m2", "m3"},
		`messages[1] ("m1") was sent and is no longer in the configuration`)
}

// testTranscriptEditReplaces applies entry "a" with the messages m0..m3
// beside entry "b", then a's messages as edited, which the plan must show
// as a's replacement for reason.
func testTranscriptEditReplaces(t *testing.T, edited []string, reason string) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	sent := []string{"m0", "m1", "m2", "m3"}
	entryA := func(contents []string) string {
		elems := make([]string, len(contents))
		for i, c := range contents {
			elems[i] = fmt.Sprintf(`{ content = %q }`, c)
		}
		return existingEntry(env, "a", "", elems...)
	}
	entryB := inlineEntry("b", "", `{ content = "b0" }`, `{ content = "b1", message_type = "incoming" }`)
	entry := func(key string) tfjsonpath.Path { return tfjsonpath.New("conversations").AtMapKey(key) }
	messageID := func(key string, i int) tfjsonpath.Path {
		return entry(key).AtMapKey("messages").AtSliceIndex(i).AtMapKey("id")
	}

	warnings := &planWarnings{}
	preApply := []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(conversationsAddr, plancheck.ResourceActionUpdate),
		expectWarning(warnings, `Conversation "a" will be replaced`, reason, "resolves the old one", "The other conversations are not touched."),
		plancheck.ExpectUnknownValue(conversationsAddr, entry("a").AtMapKey("id")),
		plancheck.ExpectKnownValue(conversationsAddr, entry("b").AtMapKey("id"), numericID),
		plancheck.ExpectKnownValue(conversationsAddr, messageID("b", 0), numericID),
		plancheck.ExpectKnownValue(conversationsAddr, messageID("b", 1), numericID),
	}
	for i := range edited {
		// The new conversation receives the whole transcript.
		preApply = append(preApply, plancheck.ExpectUnknownValue(conversationsAddr, messageID("a", i)))
	}

	var old, other string
	var before sandbox.State
	resource.ParallelTest(t, warnings.testCase(env,
		resource.TestStep{
			Config: conversationsConfig(env, "", entryA(sent), entryB),
			Check: func(s *terraform.State) error {
				old, other, before = entryAttr(s, "a", "id"), entryAttr(s, "b", "id"), sb.Snapshot()
				return requireHolds(sb, s, "a", sent...)
			},
		},
		resource.TestStep{
			Config:           conversationsConfig(env, "", entryA(edited), entryB),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: preApply, PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: func(s *terraform.State) error {
				if got := entryAttr(s, "a", "id"); got == old {
					return fmt.Errorf("entry a is still conversation %s: its sent transcript changed", old)
				}
				if err := requireHolds(sb, s, "a", edited...); err != nil {
					return err
				}
				after := sb.Snapshot()
				if got := heldBy(after, old); strings.Join(got, "|") != strings.Join(sent, "|") {
					return fmt.Errorf("the replaced conversation %s holds %q, want only what was sent to it before, %q", old, got, sent)
				}
				if err := requireResolved(sb, old); err != nil {
					return err
				}
				if got := entryAttr(s, "b", "id"); got != other {
					return fmt.Errorf("entry b is conversation %s, want %s", got, other)
				}
				if err := requireHolds(sb, s, "b", "b0", "b1"); err != nil {
					return err
				}
				was, now := conversationRecord(before, other), conversationRecord(after, other)
				if now.Status != was.Status || now.StatusChanges != was.StatusChanges || now.ContactID != was.ContactID {
					return fmt.Errorf("entry b's conversation changed: %+v, was %+v", now, was)
				}
				if len(after.Contacts) != len(before.Contacts) {
					return fmt.Errorf("%d contacts, was %d: entry b's contact was created again", len(after.Contacts), len(before.Contacts))
				}
				// One new conversation for a with its transcript, and the
				// old one resolved: nothing else changed anything.
				want := map[string]int{postConversations: 1, postMessages: len(edited), postToggleStatus: 1}
				if got := changingRequests(before, after); !maps.Equal(got, want) {
					return fmt.Errorf("the apply sent %v, want %v", got, want)
				}
				return nil
			},
		},
	))
}

// heldBy lists the contents of the messages conversation id holds, in
// id order.
func heldBy(st sandbox.State, id string) []string {
	var out []string
	for _, m := range st.Messages {
		if fmt.Sprint(m.ConversationID) == id {
			out = append(out, m.Content)
		}
	}
	return out
}

// conversationRecord is the sandbox's record of conversation id, or the
// zero record.
func conversationRecord(st sandbox.State, id string) sandbox.Conversation {
	c, _ := sandboxRecord(st.Conversations, func(c sandbox.Conversation) int64 { return c.ID }, id)
	return c
}

// changingRequests counts, by route, the requests other than reads the
// sandbox received between two snapshots.
func changingRequests(before, after sandbox.State) map[string]int {
	out := map[string]int{}
	for route, n := range after.Requests {
		if n -= before.Requests[route]; n > 0 && !strings.HasPrefix(route, "GET ") {
			out[route] = n
		}
	}
	return out
}

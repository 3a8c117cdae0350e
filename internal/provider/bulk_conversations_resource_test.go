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

const conversationsAddr = "livedesk_conversations.test"

// conversationsConfig is a livedesk_conversations with the given entries,
// each written as `key = { ... }`.
func conversationsConfig(env *accEnv, extra string, entries ...string) string {
	return env.config(`
resource "livedesk_conversations" "test" {
  inbox_id = %q
  %s
  conversations = {
%s
  }
}`, env.inboxID, extra, strings.Join(entries, "\n"))
}

// inlineEntry is an entry with an inline contact named after key and the
// given messages.
func inlineEntry(key string, extra string, messages ...string) string {
	return fmt.Sprintf(`    %s = {
      contact  = { name = "%s", email = "%s@example.test", identifier = "id-%s" }
      %s
      messages = [%s]
    }`, key, key, key, key, extra, strings.Join(messages, ", "))
}

// transcripts lists, per conversation id, the contents of its messages in
// id order.
func transcripts(st sandbox.State) map[int64][]string {
	out := map[int64][]string{}
	for _, m := range st.Messages {
		out[m.ConversationID] = append(out[m.ConversationID], m.Content)
	}
	return out
}

// entryAttr is the state value of an entry's attribute.
func entryAttr(s *terraform.State, key, name string) string {
	return s.RootModule().Resources[conversationsAddr].Primary.Attributes["conversations."+key+"."+name]
}

// requireHolds checks that the conversation of key in the state holds
// exactly want, in order.
func requireHolds(sb *sandbox.Server, s *terraform.State, key string, want ...string) error {
	id := entryAttr(s, key, "id")
	for conv, got := range transcripts(sb.Snapshot()) {
		if fmt.Sprint(conv) == id {
			if strings.Join(got, "|") != strings.Join(want, "|") {
				return fmt.Errorf("conversation %q (%s) holds %q, want %q", key, id, got, want)
			}
			return nil
		}
	}
	if len(want) == 0 {
		return nil
	}
	return fmt.Errorf("conversation %q (%s) holds no messages, want %q", key, id, want)
}

func TestAccConversations_createAppendEditAddRemoveRefresh(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	msgs := func(key string, n int) []string {
		var out []string
		for i := range n {
			direction := "outgoing"
			if i%2 == 0 {
				direction = "incoming"
			}
			out = append(out, fmt.Sprintf(`{ content = "%s %d", message_type = %q }`, key, i, direction))
		}
		return out
	}
	contents := func(key string, n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("%s %d", key, i))
		}
		return out
	}
	existing := fmt.Sprintf(`    carol = {
      contact_id = %q
      status     = "resolved"
      messages   = [%s]
    }`, env.contactID, strings.Join(msgs("carol", 2), ", "))
	var aliceConv, bobConv string
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: conversationsConfig(env, "max_parallel = 2", inlineEntry("alice", "", msgs("alice", 3)...), inlineEntry("bob", "", msgs("bob", 4)...), existing),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(conversationsAddr, tfjsonpath.New("conversations").AtMapKey("alice").AtMapKey("id"), numericID),
				statecheck.ExpectKnownValue(conversationsAddr, tfjsonpath.New("conversations").AtMapKey("alice").AtMapKey("contact").AtMapKey("id"), numericID),
				statecheck.ExpectKnownValue(conversationsAddr, tfjsonpath.New("conversations").AtMapKey("carol").AtMapKey("status"), knownvalue.StringExact("resolved")),
			},
			Check: func(s *terraform.State) error {
				aliceConv, bobConv = entryAttr(s, "alice", "id"), entryAttr(s, "bob", "id")
				st := sb.Snapshot()
				if len(st.Conversations) != 3 || len(st.Contacts) != 3 || len(st.Messages) != 9 {
					return fmt.Errorf("sandbox holds %d conversations, %d contacts, %d messages; want 3, 3 (one existing), 9", len(st.Conversations), len(st.Contacts), len(st.Messages))
				}
				if entryAttr(s, "alice", "contact_id") != entryAttr(s, "alice", "contact.id") {
					return fmt.Errorf("alice's contact_id %s is not its inline contact's id %s", entryAttr(s, "alice", "contact_id"), entryAttr(s, "alice", "contact.id"))
				}
				for key, n := range map[string]int{"alice": 3, "bob": 4, "carol": 2} {
					if err := requireHolds(sb, s, key, contents(key, n)...); err != nil {
						return err
					}
				}
				return requestsAre(sb, 9)
			},
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		// Refresh sends no message and reads the contact list once (one
		// page): a contact renamed in the console shows as a difference.
		resource.TestStep{
			PreConfig: func() {
				for _, c := range sb.Snapshot().Contacts {
					if c.Name == "alice" {
						if err := sb.EditContact(c.ID, sandbox.ContactInput{Name: "Alice Renamed", Email: "alice@example.test", Identifier: "id-alice"}); err != nil {
							t.Fatal(err)
						}
					}
				}
			},
			Config:             conversationsConfig(env, "max_parallel = 2", inlineEntry("alice", "", msgs("alice", 3)...), inlineEntry("bob", "", msgs("bob", 4)...), existing),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		},
		// The apply sends the name back, and nothing else.
		resource.TestStep{
			Config: conversationsConfig(env, "max_parallel = 2", inlineEntry("alice", "", msgs("alice", 3)...), inlineEntry("bob", "", msgs("bob", 4)...), existing),
			Check: func(*terraform.State) error {
				st := sb.Snapshot()
				if n := st.Requests["GET /api/v2/accounts/contacts"]; n < 1 || n > 3 {
					return fmt.Errorf("%d contact list requests over the refreshes so far, want one page per refresh", n)
				}
				for _, c := range st.Contacts {
					if c.Email == "alice@example.test" && c.Name != "alice" {
						return fmt.Errorf("alice's contact is named %q after the apply, want alice", c.Name)
					}
				}
				return requestsAre(sb, 9)
			},
		},
		// Append to alice (in place), edit bob's first message (bob alone
		// replaced), add dave, remove carol (resolved).
		resource.TestStep{
			Config: conversationsConfig(env, "max_parallel = 2",
				inlineEntry("alice", "", msgs("alice", 4)...),
				inlineEntry("bob", "", append([]string{`{ content = "bob 0 edited", message_type = "incoming" }`}, msgs("bob", 4)[1:]...)...),
				inlineEntry("dave", `status = "pending"`, msgs("dave", 1)...)),
			ConfigPlanChecks: withPlanChecks(
				plancheck.ExpectResourceAction(conversationsAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectUnknownValue(conversationsAddr, tfjsonpath.New("conversations").AtMapKey("alice").AtMapKey("messages").AtSliceIndex(3).AtMapKey("id")),
				plancheck.ExpectKnownValue(conversationsAddr, tfjsonpath.New("conversations").AtMapKey("alice").AtMapKey("messages").AtSliceIndex(2).AtMapKey("id"), numericID),
				plancheck.ExpectUnknownValue(conversationsAddr, tfjsonpath.New("conversations").AtMapKey("bob").AtMapKey("id")),
				plancheck.ExpectUnknownValue(conversationsAddr, tfjsonpath.New("conversations").AtMapKey("bob").AtMapKey("messages").AtSliceIndex(0).AtMapKey("id")),
			),
			Check: func(s *terraform.State) error {
				if entryAttr(s, "alice", "id") != aliceConv {
					return fmt.Errorf("alice's conversation changed from %s to %s: an append must be sent in place", aliceConv, entryAttr(s, "alice", "id"))
				}
				if entryAttr(s, "bob", "id") == bobConv {
					return fmt.Errorf("bob's conversation %s was kept, though a sent message changed", bobConv)
				}
				if err := requireHolds(sb, s, "alice", contents("alice", 4)...); err != nil {
					return err
				}
				if err := requireHolds(sb, s, "bob", append([]string{"bob 0 edited"}, contents("bob", 4)[1:]...)...); err != nil {
					return err
				}
				if err := requireHolds(sb, s, "dave", "dave 0"); err != nil {
					return err
				}
				st := sb.Snapshot()
				statuses := map[string]string{}
				for _, c := range st.Conversations {
					statuses[fmt.Sprint(c.ID)] = c.Status
				}
				if statuses[bobConv] != "resolved" {
					return fmt.Errorf("bob's replaced conversation is %q, want resolved", statuses[bobConv])
				}
				if statuses[entryAttr(s, "dave", "id")] != "pending" {
					return fmt.Errorf("dave's conversation is %q, want pending", statuses[entryAttr(s, "dave", "id")])
				}
				resolved := 0
				for _, status := range statuses {
					if status == "resolved" {
						resolved++
					}
				}
				if resolved != 2 {
					return fmt.Errorf("%d resolved conversations (%v), want bob's old one and carol's", resolved, statuses)
				}
				// 9 + alice's append + bob's 4 + dave's 1.
				return requestsAre(sb, 15)
			},
		},
	))
}

func TestAccConversations_importAdoptsHeldMessagesAndSendsOnlyTheRest(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	contactID, _ := strconv.ParseInt(env.contactID, 10, 64)
	conv, err := sb.AddConversation(sandbox.ConversationInput{InboxID: 1, ContactID: contactID})
	if err != nil {
		t.Fatal(err)
	}
	existing := fmt.Sprintf(`    old = {
      contact_id = %q
      status     = "open"
      messages   = [{ content = "held 0" }, { content = "held 1" }, { content = "new 2" }]
    }`, env.contactID)
	config := conversationsConfig(env, "", existing, inlineEntry("fresh", "", `{ content = "fresh 0" }`))
	messageID := func(key string, i int) tfjsonpath.Path {
		return tfjsonpath.New("conversations").AtMapKey(key).AtMapKey("messages").AtSliceIndex(i).AtMapKey("id")
	}
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config:             config,
			ResourceName:       conversationsAddr,
			ImportState:        true,
			ImportStateId:      fmt.Sprintf("1:old=%d/901,902", conv.ID),
			ImportStatePersist: true,
			ImportStateCheck: func(states []*terraform.InstanceState) error {
				if len(states) != 1 || states[0].Attributes["conversations.old.id"] != strconv.FormatInt(conv.ID, 10) {
					return fmt.Errorf("imported %+v", states)
				}
				return nil
			},
		},
		resource.TestStep{
			Config: config,
			ConfigPlanChecks: withPlanChecks(
				plancheck.ExpectResourceAction(conversationsAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(conversationsAddr, messageID("old", 1), knownvalue.StringExact("902")),
				plancheck.ExpectUnknownValue(conversationsAddr, messageID("old", 2)),
				plancheck.ExpectUnknownValue(conversationsAddr, messageID("fresh", 0)),
			),
			Check: func(s *terraform.State) error {
				if got := entryAttr(s, "old", "id"); got != strconv.FormatInt(conv.ID, 10) {
					return fmt.Errorf("old is conversation %s, want the imported %d", got, conv.ID)
				}
				if err := requireHolds(sb, s, "old", "new 2"); err != nil {
					return err
				}
				if err := requireHolds(sb, s, "fresh", "fresh 0"); err != nil {
					return err
				}
				return requestsAre(sb, 2)
			},
		},
	))
}

func TestAccConversations_plansRefuseAmbiguousContacts(t *testing.T) {
	env := newAccEnv(t)
	resource.UnitTest(t, env.testCase(
		resource.TestStep{
			Config:      conversationsConfig(env, "", fmt.Sprintf("    a = {\n      contact_id = %q\n      contact = { name = \"A\" }\n    }", env.contactID)),
			ExpectError: wrapped(`contact excludes contact_id and source_id`),
		},
		resource.TestStep{
			Config:      conversationsConfig(env, "", `    a = { messages = [{ content = "hi" }] }`),
			ExpectError: wrapped(`A conversation needs a contact`),
		},
		resource.TestStep{
			Config:      conversationsConfig(env, "", inlineEntry("a", "", `{ content = "x", reply_to = 0 }`)),
			ExpectError: wrapped(`reply_to must name an earlier message`),
		},
	))
}

// Two keys of livedesk_conversations for one contact of an inbox locked to
// a single conversation: one key is refused before any message is sent to
// the conversation the other holds.
func TestAccConversations_lockedInboxRefusesASecondKey(t *testing.T) {
	env := newAccEnv(t, lockedInbox)
	sb := env.requireSandbox(t)
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: env.config(`
resource "livedesk_conversations" "test" {
  inbox_id = %[1]q
  conversations = {
    billing = { contact_id = %[2]q, messages = [{ content = "billing 0" }, { content = "billing 1" }] }
    refund  = { contact_id = %[2]q, messages = [{ content = "refund 0" }, { content = "refund 1" }] }
  }
}`, env.inboxID, env.contactID),
			ExpectError: regexp.MustCompile(`(?s)"(billing|refund)":\s+LiveDesk\s+did\s+not\s+create\s+a\s+new\s+conversation.*(created\s+in\s+this\s+same\s+run|already\s+holds\s+messages).*lock\s+to\s+single\s+conversation`),
		},
		resource.TestStep{RefreshState: true, ExpectNonEmptyPlan: true, Check: func(*terraform.State) error { return onlyOneTranscript(sb) }},
	))
}

// existingEntry is an entry with the environment's contact and the given
// messages.
func existingEntry(env *accEnv, key, extra string, messages ...string) string {
	return fmt.Sprintf(`    %s = {
      contact_id = %q
      %s
      messages = [%s]
    }`, key, env.contactID, extra, strings.Join(messages, ", "))
}

// Removing sent messages from an entry (the last one, all by leaving
// messages out, or all with messages = []) replaces
// that entry's conversation alone, without crashing the plan; removing its
// status and snoozed_until sends nothing.
func TestAccConversations_removingSentMessagesAndStatus(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	m := []string{`{ content = "m0" }`, `{ content = "m1" }`, `{ content = "m2" }`, `{ content = "m3" }`}
	snooze := `status = "snoozed"
      snoozed_until = "2031-01-01T09:00:00Z"`
	var first string
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: conversationsConfig(env, "", existingEntry(env, "a", snooze, m...), existingEntry(env, "b", "", m[0])),
			Check: func(s *terraform.State) error {
				first = entryAttr(s, "a", "id")
				return requireHolds(sb, s, "a", "m0", "m1", "m2", "m3")
			},
		},
		resource.TestStep{
			Config: conversationsConfig(env, "", existingEntry(env, "a", snooze, m[:3]...), existingEntry(env, "b", "", m[0])),
			Check: func(s *terraform.State) error {
				if entryAttr(s, "a", "id") == first {
					return fmt.Errorf("entry a is still conversation %s: removing a sent message must replace it", first)
				}
				if err := requireHolds(sb, s, "a", "m0", "m1", "m2"); err != nil {
					return err
				}
				if n := sb.Snapshot().Requests[postMessages]; n != 4+1+3 {
					return fmt.Errorf("%d messages sent, want 8: entry b untouched", n)
				}
				return nil
			},
		},
		resource.TestStep{
			Config: conversationsConfig(env, "", existingEntry(env, "a", "", m[:3]...), existingEntry(env, "b", "", m[0])),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(conversationsAddr, tfjsonpath.New("conversations").AtMapKey("a").AtMapKey("status"), knownvalue.StringExact("snoozed")),
				statecheck.ExpectKnownValue(conversationsAddr, tfjsonpath.New("conversations").AtMapKey("a").AtMapKey("snoozed_until"), knownvalue.Null()),
			},
			Check: func(*terraform.State) error {
				// Two snoozes: the first conversation's and its replacement's.
				if n := sb.Snapshot().Requests[postToggleStatus]; n != 2+1 {
					return fmt.Errorf("%d status requests, want 3 (two snoozes and the replaced one resolved): removing status sends nothing", n)
				}
				return nil
			},
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			Config: conversationsConfig(env, "", existingEntry(env, "a", "", m[:3]...), `    b = { contact_id = "`+env.contactID+`" }`),
			Check: func(s *terraform.State) error {
				if err := requireHolds(sb, s, "b"); err != nil {
					return err
				}
				return requireHolds(sb, s, "a", "m0", "m1", "m2")
			},
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			Config:           conversationsConfig(env, "", existingEntry(env, "a", "", m[:3]...), existingEntry(env, "b", "", m[1])),
			Check:            func(s *terraform.State) error { return requireHolds(sb, s, "b", "m1") },
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			// messages = [] after a message was sent.
			Config: conversationsConfig(env, "", existingEntry(env, "a", "", m[:3]...), existingEntry(env, "b", "")),
			Check: func(s *terraform.State) error {
				if err := requireHolds(sb, s, "b"); err != nil {
					return err
				}
				return requireHolds(sb, s, "a", "m0", "m1", "m2")
			},
			ConfigPlanChecks: emptyPlanAfterApply,
		},
	))
}

package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// sandboxCounts are what the sandbox holds and how many requests changed
// it, to compare before and after a step that must send nothing.
type sandboxCounts struct {
	contacts, conversations, messages, resolved, posts int
}

// countsOf counts the sandbox's contacts, conversations, messages and
// resolved conversations, and its create and status requests.
func countsOf(sb *sandbox.Server) sandboxCounts {
	st := sb.Snapshot()
	c := sandboxCounts{contacts: len(st.Contacts), conversations: len(st.Conversations), messages: len(st.Messages)}
	for _, conv := range st.Conversations {
		if conv.Status == "resolved" {
			c.resolved++
		}
	}
	for route, n := range st.Requests {
		if len(route) > 4 && route[:4] == "POST" || len(route) > 5 && route[:5] == "PATCH" {
			c.posts += n
		}
	}
	return c
}

// requireCounts fails unless the sandbox holds what was counted before.
func requireCounts(sb *sandbox.Server, before *sandboxCounts) error {
	if now := countsOf(sb); now != *before {
		return fmt.Errorf("the sandbox changed: %+v, before %+v", now, *before)
	}
	return nil
}

func TestAccConversations_inboxIDChangeIsRefusedAtPlan(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	var before sandboxCounts
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: conversationsConfig(env, "", inlineEntry("alice", "", `{ content = "hi" }`)),
			Check:  func(*terraform.State) error { before = countsOf(sb); return nil },
		},
		resource.TestStep{
			Config: env.config(`
resource "livedesk_conversations" "test" {
  inbox_id = "999"
  conversations = {
%s
  }
}`, inlineEntry("alice", "", `{ content = "hi" }`)),
			ExpectError: regexp.MustCompile(`(?s)inbox_id cannot change.*cannot\s+move\s+conversations\s+or\s+contacts\s+between\s+inboxes.*add\s+another\s+livedesk_conversations`),
		},
		resource.TestStep{
			Config: conversationsConfig(env, "", inlineEntry("alice", "", `{ content = "hi" }`)),
			Check:  func(*terraform.State) error { return requireCounts(sb, &before) },
		},
	))
}

// A key renamed with its contact and its messages unchanged moves: the
// conversation and the contact stay, nothing is sent, created or
// resolved, and the plan says so.
func TestAccConversations_renamedKeyMovesWithoutRequests(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	var before sandboxCounts
	var conv, contact string
	messages := []string{`{ content = "hello" }`, `{ content = "again", message_type = "outgoing" }`}
	renamed := fmt.Sprintf(`    alicia = {
      contact  = { name = "alice", email = "alice@example.test", identifier = "id-alice" }
      messages = [%s, %s]
    }`, messages[0], messages[1])
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: conversationsConfig(env, "", inlineEntry("alice", "", messages...), inlineEntry("bob", "", messages[0])),
			Check: func(s *terraform.State) error {
				before, conv, contact = countsOf(sb), entryAttr(s, "alice", "id"), entryAttr(s, "alice", "contact.id")
				return nil
			},
		},
		resource.TestStep{
			Config: conversationsConfig(env, "", renamed, inlineEntry("bob", "", messages[0])),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(conversationsAddr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: func(s *terraform.State) error {
				if got := entryAttr(s, "alicia", "id"); got != conv {
					return fmt.Errorf("alicia holds conversation %s, want alice's %s", got, conv)
				}
				if got := entryAttr(s, "alicia", "contact.id"); got != contact {
					return fmt.Errorf("alicia holds contact %s, want alice's %s", got, contact)
				}
				return requireCounts(sb, &before)
			},
		},
	))
}

func TestAccConversations_oneInlineContactUnderTwoKeysIsRefusedAtPlan(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	twice := `    copy = {
      contact  = { name = "other", email = "Alice@Example.test" }
      messages = [{ content = "hi" }]
    }`
	resource.ParallelTest(t, env.testCase(resource.TestStep{
		Config:      conversationsConfig(env, "", inlineEntry("alice", "", `{ content = "hi" }`), twice),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`(?s)One inline contact under two keys.*"alice"\s+and\s+"copy"\s+both\s+create\s+a\s+contact\s+with\s+email`),
	}))
	if got := sb.Snapshot().Requests; len(got) != 0 {
		t.Errorf("requests were sent: %v", got)
	}
}

// Values known only at apply, at every level of an entry, plan without a
// conversion error, and apply to what the plan showed.
func TestAccConversations_valuesKnownOnlyAtApplyPlan(t *testing.T) {
	env := newAccEnv(t)
	env.requireSandbox(t)
	resource.ParallelTest(t, env.testCase(resource.TestStep{
		Config: env.config(`
resource "terraform_data" "later" {
  input = "x"
}

locals {
  later = terraform_data.later.output
}

resource "livedesk_conversations" "test" {
  inbox_id = %[1]q
  conversations = {
    by_id      = { contact_id = local.later == "x" ? %[2]q : "1", messages = [{ content = "id" }] }
    contact    = { contact = local.later == "x" ? { name = "Later", email = "later@example.test" } : null, messages = [{ content = "c" }] }
    element    = { contact_id = %[2]q, messages = [{ content = "first" }, local.later == "x" ? { content = "second" } : { content = "other" }] }
    content    = { contact_id = %[2]q, messages = [{ content = local.later }] }
    whole      = local.later == "x" ? { contact_id = %[2]q, messages = [{ content = "whole" }] } : { contact_id = %[2]q, messages = [{ content = "no" }] }
  }
}

resource "livedesk_conversations" "unknown_map" {
  inbox_id      = %[1]q
  conversations = { for k in ["a"] : k => { contact_id = %[2]q, messages = [{ content = k }] } if local.later == "x" }
}`, env.inboxID, env.contactID),
		ConfigPlanChecks: emptyPlanAfterApply,
	}))
}

// A contact with only a name, which the contact list leaves out, is
// found by its id: a console edit to it shows in the plan, and refresh
// reads no page of the list for it.
func TestAccConversations_refreshFindsAContactWithOnlyAName(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	nameOnly := `    quiet = {
      contact  = { name = "Quiet" }
      messages = [{ content = "hi" }]
    }`
	var listPages int
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config:           conversationsConfig(env, "", nameOnly),
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			PreConfig: func() {
				for _, c := range sb.Snapshot().Contacts {
					if c.Name == "Quiet" {
						if err := sb.EditContact(c.ID, sandbox.ContactInput{Name: "Quiet Renamed"}); err != nil {
							t.Fatal(err)
						}
					}
				}
				listPages = sb.Snapshot().Requests["GET /api/v2/accounts/contacts"]
			},
			Config:             conversationsConfig(env, "", nameOnly),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		},
		resource.TestStep{
			Config: conversationsConfig(env, "", nameOnly),
			Check: func(*terraform.State) error {
				for _, c := range sb.Snapshot().Contacts {
					if c.Name == "Quiet Renamed" {
						return fmt.Errorf("the apply did not send the configured name back to contact %d", c.ID)
					}
				}
				if n := sb.Snapshot().Requests["GET /api/v2/accounts/contacts"] - listPages; n > 4 {
					return fmt.Errorf("%d contact requests for one name-only contact over two refreshes", n)
				}
				return nil
			},
		},
	))
}

// An entry whose contact is inline is imported with the contact's id
// after an "@": the import adopts the contact, refresh reads it, and the
// apply creates no contact and sends only the messages not held.
func TestAccConversations_importAdoptsAnInlineContact(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	contact, err := sb.AddContact(sandbox.ContactInput{Name: "alice", Email: "alice@example.test", Identifier: "id-alice"})
	if err != nil {
		t.Fatal(err)
	}
	conv, err := sb.AddConversation(sandbox.ConversationInput{InboxID: 1, ContactID: contact.ID})
	if err != nil {
		t.Fatal(err)
	}
	config := conversationsConfig(env, "", inlineEntry("alice", "", `{ content = "held" }`, `{ content = "new" }`))
	var before sandboxCounts
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			PreConfig:          func() { before = countsOf(sb) },
			Config:             config,
			ResourceName:       conversationsAddr,
			ImportState:        true,
			ImportStateId:      fmt.Sprintf("1:alice=%d/901@%d", conv.ID, contact.ID),
			ImportStatePersist: true,
			ImportStateCheck: func(states []*terraform.InstanceState) error {
				if len(states) != 1 || states[0].Attributes["conversations.alice.contact.email"] != "alice@example.test" {
					return fmt.Errorf("the import did not read the inline contact: %+v", states)
				}
				return nil
			},
		},
		resource.TestStep{
			Config: config,
			Check: func(s *terraform.State) error {
				if got := entryAttr(s, "alice", "contact.id"); got != fmt.Sprint(contact.ID) {
					return fmt.Errorf("alice's contact is %s, want the imported %d", got, contact.ID)
				}
				before.messages++
				before.posts++
				return requireCounts(sb, &before)
			},
			ConfigPlanChecks: emptyPlanAfterApply,
		},
	))
}

// An entry whose contact changes, from an existing contact to an inline
// one and back, gets a new conversation with the new contact, and the old
// one is resolved; the other entry is not touched.
func TestAccConversations_contactChangeReplacesTheEntry(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	byID := fmt.Sprintf(`    alice = {
      contact_id = %q
      messages   = [{ content = "hi" }]
    }`, env.contactID)
	inline := `    alice = {
      contact  = { name = "Alice", email = "alice-inline@example.test" }
      messages = [{ content = "hi" }]
    }`
	other := inlineEntry("bob", "", `{ content = "bob" }`)
	var first, second, bob string
	replaced := resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: conversationsConfig(env, "", byID, other),
			Check: func(s *terraform.State) error {
				first, bob = entryAttr(s, "alice", "id"), entryAttr(s, "bob", "id")
				return nil
			},
		},
		resource.TestStep{
			Config:           conversationsConfig(env, "", inline, other),
			ConfigPlanChecks: replaced,
			Check: func(s *terraform.State) error {
				second = entryAttr(s, "alice", "id")
				if second == first || entryAttr(s, "alice", "contact_id") == env.contactID || entryAttr(s, "bob", "id") != bob {
					return fmt.Errorf("alice is conversation %s with contact %s (was %s), bob %s (was %s)", second, entryAttr(s, "alice", "contact_id"), first, entryAttr(s, "bob", "id"), bob)
				}
				return requireResolved(sb, first)
			},
		},
		resource.TestStep{
			Config:           conversationsConfig(env, "", byID, other),
			ConfigPlanChecks: replaced,
			Check: func(s *terraform.State) error {
				if got := entryAttr(s, "alice", "contact_id"); got != env.contactID || entryAttr(s, "alice", "id") == second {
					return fmt.Errorf("alice is conversation %s with contact %s", entryAttr(s, "alice", "id"), got)
				}
				return requireResolved(sb, second)
			},
		},
	))
}

// requireResolved fails unless conversation id is resolved.
func requireResolved(sb *sandbox.Server, id string) error {
	for _, c := range sb.Snapshot().Conversations {
		if fmt.Sprint(c.ID) == id {
			if c.Status != "resolved" {
				return fmt.Errorf("conversation %s is %s, want resolved", id, c.Status)
			}
			return nil
		}
	}
	return fmt.Errorf("no conversation %s", id)
}

// An incoming message appended to a resolved conversation reopens it in
// LiveDesk; the configured status is sent again after it, and the next
// plan is empty.
func TestAccConversations_statusAfterAnAppendedIncomingMessage(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	entry := func(messages ...string) string {
		return fmt.Sprintf(`    alice = {
      contact_id = %q
      status     = "resolved"
      messages   = [%s]
    }`, env.contactID, strings.Join(messages, ", "))
	}
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{Config: conversationsConfig(env, "", entry(`{ content = "hi" }`)), ConfigPlanChecks: emptyPlanAfterApply},
		resource.TestStep{
			Config:           conversationsConfig(env, "", entry(`{ content = "hi" }`, `{ content = "again", message_type = "incoming" }`)),
			ConfigPlanChecks: emptyPlanAfterApply,
			Check: func(s *terraform.State) error {
				if err := requireResolved(sb, entryAttr(s, "alice", "id")); err != nil {
					return err
				}
				return requireHolds(sb, s, "alice", "hi", "again")
			},
		},
	))
}

// Each message records what a plan needs and what a configuration reads
// back: its id, the hashes of its files and, for a message with files
// only, its attachments; neither it nor its conversation records its time
// (schema version 1).
func TestAccConversations_messagesRecordAttachmentsOnlyWithFiles(t *testing.T) {
	env := newAccEnv(t)
	file := filepath.Join(t.TempDir(), "note.txt")
	if err := os.WriteFile(file, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	entry := func(messages ...string) string {
		return fmt.Sprintf(`    alice = {
      contact_id = %q
      messages   = [%s]
    }`, env.contactID, strings.Join(messages, ", "))
	}
	first := []string{`{ content = "text" }`, fmt.Sprintf(`{ content = "with a file", files = [%q] }`, file)}
	attr := func(s *terraform.State, name string) (string, bool) {
		v, ok := s.RootModule().Resources[conversationsAddr].Primary.Attributes["conversations.alice.messages."+name]
		return v, ok
	}
	check := func(s *terraform.State) error {
		if n, ok := attr(s, "0.attachments.#"); ok {
			return fmt.Errorf("a message without files records %s attachments, want null", n)
		}
		if n, _ := attr(s, "1.attachments.#"); n != "1" {
			return fmt.Errorf("a message with one file records %q attachments", n)
		}
		if url, _ := attr(s, "1.attachments.0.data_url"); url == "" {
			return fmt.Errorf("the attachment has no data_url")
		}
		if hash, _ := attr(s, "1.files_sha256.0"); hash != "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" {
			return fmt.Errorf("files_sha256 is %q, want the SHA-256 of the file's bytes", hash)
		}
		for _, name := range []string{"0.created_at", "1.created_at"} {
			if _, ok := attr(s, name); ok {
				return fmt.Errorf("messages.%s is recorded", name)
			}
		}
		if _, ok := s.RootModule().Resources[conversationsAddr].Primary.Attributes["conversations.alice.created_at"]; ok {
			return fmt.Errorf("the conversation's created_at is recorded")
		}
		return nil
	}
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{Config: conversationsConfig(env, "", entry(first...)), ConfigPlanChecks: emptyPlanAfterApply, Check: check},
		resource.TestStep{
			Config:           conversationsConfig(env, "", entry(append(first, `{ content = "more" }`)...)),
			ConfigPlanChecks: emptyPlanAfterApply,
			Check: func(s *terraform.State) error {
				if n, ok := attr(s, "2.attachments.#"); ok {
					return fmt.Errorf("an appended message without files records %s attachments, want null", n)
				}
				return check(s)
			},
		},
	))
}

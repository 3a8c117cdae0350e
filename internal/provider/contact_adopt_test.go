package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

const (
	postContacts  = "POST /api/v2/accounts/contacts"
	patchContacts = "PATCH /api/v2/accounts/contacts/{id}"
)

// adoptionSandbox starts a sandbox with inboxes 1 and 2, holding contact
// "crm-ada" (Ada, ada@acme.inc, tier gold) in inbox 1, and returns it with
// a client.
func adoptionSandbox(t *testing.T) (*sandbox.Server, *livedesk.Client, sandbox.Contact) {
	t.Helper()
	inst, err := sandbox.Start("127.0.0.1:0", sandbox.Options{Inboxes: []sandbox.Inbox{{ID: 1, Name: "First"}, {ID: 2, Name: "Second"}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = inst.Close() })
	ada, err := inst.Server.AddContact(sandbox.ContactInput{InboxID: 1, Name: "Ada", Email: "ada@acme.inc", Identifier: "crm-ada",
		CustomAttributes: map[string]string{"tier": "gold", "kept": "yes"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := inst.Server.AddContact(sandbox.ContactInput{InboxID: 1, Name: "Bea", Email: "bea@acme.inc", Identifier: "crm-bea"}); err != nil {
		t.Fatal(err)
	}
	client, err := livedesk.New(livedesk.Config{BaseURL: inst.URL, APIKey: sandbox.DefaultAPIKey, APISecret: sandbox.DefaultAPISecret})
	if err != nil {
		t.Fatal(err)
	}
	return inst.Server, client, ada
}

func ptr(s string) *string { return &s }

// TestAdoptTakenContact creates contacts as livedesk_contact's Create does
// and checks what adoptTakenContact makes of LiveDesk's refusal: which
// refusals adopt the contact with the identifier, what the update sends,
// and what the sandbox holds afterwards.
func TestAdoptTakenContact(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		inboxID     int64
		want        livedesk.ContactFields
		adopts      bool
		err         string   // a substring of the error, when adoption fails
		patched     []string // in the warning; nil for no PATCH
		wantName    string   // the adopted contact's name afterwards
		wantAttrs   map[string]string
		wantWarning []string
	}{
		"the same contact again sends nothing": {
			inboxID: 1, want: livedesk.ContactFields{Name: ptr("Ada"), Email: ptr("ADA@acme.inc"), Identifier: ptr("crm-ada"), CustomAttributes: map[string]string{"tier": "gold"}},
			adopts: true, wantName: "Ada", wantAttrs: map[string]string{"tier": "gold", "kept": "yes"},
			wantWarning: []string{`with identifier "crm-ada"`, "terraform import <address> identifier:crm-ada", "nothing was sent"},
		},
		"what differs is updated, what is not configured is cleared": {
			inboxID: 1, want: livedesk.ContactFields{Identifier: ptr("crm-ada"), Email: ptr("ada@acme.inc"), PhoneNumber: ptr("+6591234567"), CustomAttributes: map[string]string{"tier": "platinum"}},
			adopts: true, patched: []string{"name", "phone_number", "custom_attributes"}, wantName: "", wantAttrs: map[string]string{"tier": "platinum", "kept": "yes"},
			wantWarning: []string{"its name, phone_number, custom_attributes were updated"},
		},
		"an email matched alone is not adopted": {
			inboxID: 1, want: livedesk.ContactFields{Email: ptr("ada@acme.inc")},
		},
		"an identifier whose email is another contact's is not adopted": {
			inboxID: 1, want: livedesk.ContactFields{Identifier: ptr("crm-ada"), Email: ptr("bea@acme.inc")},
		},
		"an identifier in another inbox is an error": {
			inboxID: 2, want: livedesk.ContactFields{Identifier: ptr("crm-ada"), Email: ptr("ada@acme.inc")},
			err: `already has identifier "crm-ada", but it is not in inbox 2`,
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			sb, client, ada := adoptionSandbox(t)
			ctx := context.Background()
			_, createErr := client.Contacts.Create(ctx, livedesk.CreateContactRequest{InboxID: tc.inboxID, ContactFields: tc.want})
			if createErr == nil {
				t.Fatal("LiveDesk created a contact it should have refused")
			}
			adopted, err := adoptTakenContact(ctx, client, tc.inboxID, tc.want, createErr)
			switch {
			case tc.err != "":
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one saying %q", err, tc.err)
				}
			case err != nil:
				t.Fatal(err)
			case (adopted != nil) != tc.adopts:
				t.Fatalf("adopted %+v, want adopted: %v", adopted, tc.adopts)
			}
			st := sb.Snapshot()
			if n := len(st.Contacts); n != 2 {
				t.Errorf("the sandbox holds %d contacts, want the 2 it started with", n)
			}
			if n := st.Requests[patchContacts]; n != min(len(tc.patched), 1) {
				t.Errorf("%d PATCH requests, want %d", n, min(len(tc.patched), 1))
			}
			if adopted == nil {
				return
			}
			held, _ := sandboxRecord(st.Contacts, func(c sandbox.Contact) int64 { return c.ID }, fmt.Sprint(ada.ID))
			if int64(adopted.Contact.ID) != ada.ID || adopted.SourceID != ada.SourceID {
				t.Errorf("adopted contact %d with source id %q, want %d with %q", int64(adopted.Contact.ID), adopted.SourceID, ada.ID, ada.SourceID)
			}
			if held.Name != tc.wantName || fmt.Sprint(held.CustomAttributes) != fmt.Sprint(tc.wantAttrs) {
				t.Errorf("the sandbox holds name %q and attributes %v, want %q and %v", held.Name, held.CustomAttributes, tc.wantName, tc.wantAttrs)
			}
			if want := fmt.Sprintf("Adopted the existing LiveDesk contact %d (crm-ada)", ada.ID); adopted.Summary != want {
				t.Errorf("warning summary %q, want %q", adopted.Summary, want)
			}
			for _, want := range tc.wantWarning {
				if !strings.Contains(adopted.Warning, want) {
					t.Errorf("warning %q does not say %q", adopted.Warning, want)
				}
			}
		})
	}
}

func TestAdoptTakenContactLeavesOtherErrorsAlone(t *testing.T) {
	t.Parallel()
	_, client, _ := adoptionSandbox(t)
	want := livedesk.ContactFields{Identifier: ptr("crm-ada")}
	for _, err := range []error{
		errors.New("dial tcp: connection refused"),
		&livedesk.APIError{StatusCode: 500, Message: "Identifier has already been taken"},
		&livedesk.APIError{StatusCode: 422, Message: "Email has already been taken"},
	} {
		if adopted, adoptErr := adoptTakenContact(context.Background(), client, 1, want, err); adopted != nil || adoptErr != nil {
			t.Errorf("%v: adopted %+v, error %v; want neither", err, adopted, adoptErr)
		}
	}
}

// resetConfig is a contact with an identifier and a two-message
// transcript with it, as a demo or test fixture seeds them.
func resetConfig(env *accEnv, suffix, attrs string) string {
	return env.config(`
resource "livedesk_contact" "ada" {
  inbox_id = %[1]q
  name     = "Ada Reset"
  %[3]s
}

resource "livedesk_conversation" "ada" {
  inbox_id   = %[1]q
  contact_id = livedesk_contact.ada.id
  messages = [
    { content = "Where is my order %[2]s?", message_type = "incoming" },
    { content = "On its way: it arrives tomorrow." },
  ]
}`, env.inboxID, suffix, attrs)
}

// The same configuration applied, destroyed and applied again: the second
// apply adopts the contact the first one created (LiveDesk cannot delete
// it) instead of failing, so LiveDesk holds one such contact, and each
// apply sends the transcript once to a conversation of its own.
func TestAccContact_resetAdoptsTheContactWithTheSameIdentifier(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	suffix := uniqueSuffix(t)
	config := resetConfig(env, suffix, fmt.Sprintf(`email      = "ada.%[1]s@acme.inc"
  identifier = "crm-%[1]s"`, suffix))
	var first string
	mine := func() (contacts []sandbox.Contact, messages map[int64]int) {
		st := sb.Snapshot()
		for _, c := range st.Contacts {
			if c.Identifier == "crm-"+suffix {
				contacts = append(contacts, c)
			}
		}
		messages = map[int64]int{}
		for _, m := range st.Messages {
			messages[m.ConversationID]++
		}
		return contacts, messages
	}
	resource.Test(t, env.testCase(
		resource.TestStep{
			Config:           config,
			ConfigPlanChecks: emptyPlanAfterApply,
			Check:            func(s *terraform.State) error { first = stateID(s, contactAddrOf("ada")); return nil },
		},
		resource.TestStep{Config: config, Destroy: true},
		resource.TestStep{
			Config:           config,
			ConfigPlanChecks: emptyPlanAfterApply,
			Check: func(s *terraform.State) error {
				if id := stateID(s, contactAddrOf("ada")); id != first {
					return fmt.Errorf("the second apply's contact is %s, want %s, the one the first apply created", id, first)
				}
				contacts, messages := mine()
				if len(contacts) != 1 {
					return fmt.Errorf("the sandbox holds %d contacts with the identifier, want 1", len(contacts))
				}
				if n := sb.Snapshot().Requests[patchContacts]; n != 0 {
					return fmt.Errorf("%d contact updates for a contact that already matched", n)
				}
				if len(messages) != 2 || messages[1] != 2 || messages[2] != 2 {
					return fmt.Errorf("messages per conversation %v, want the transcript's 2 in each of the 2 conversations", messages)
				}
				if conv, _ := sandboxRecord(sb.Snapshot().Conversations, func(c sandbox.Conversation) int64 { return c.ID }, "1"); conv.Status != "resolved" {
					return fmt.Errorf("the first conversation is %q after destroy, want resolved", conv.Status)
				}
				return nil
			},
		},
	))
}

// A contact with no identifier cannot be told from another one with the
// same email: after a destroy, applying it again stays an error, which
// gives the import that adopts the contact.
func TestAccContact_resetWithoutIdentifierIsAnErrorThatGivesTheImport(t *testing.T) {
	env := newAccEnv(t)
	suffix := uniqueSuffix(t)
	config := resetConfig(env, suffix, fmt.Sprintf(`email    = "ada.%s@acme.inc"`, suffix))
	resource.Test(t, env.testCase(
		resource.TestStep{Config: config},
		resource.TestStep{Config: config, Destroy: true},
		resource.TestStep{
			Config: config,
			ExpectError: regexp.MustCompile(fmt.Sprintf(`(?s)Cannot create the LiveDesk contact.*Email has already been taken.*already has this\s+email.*`+
				`terraform import <address>\s+email:ada\.%s@acme\.inc`, suffix)),
		},
	))
	if sb := env.sandbox; sb != nil {
		if n := sb.Snapshot().Requests[postContacts]; n != 2 {
			t.Errorf("%d contact creates, want 2 (the first apply's and the refused one)", n)
		}
	}
}

// contactAddrOf is the address of livedesk_contact.<name>.
func contactAddrOf(name string) string { return "livedesk_contact." + name }

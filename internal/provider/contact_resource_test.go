package provider

import (
	"fmt"
	"hash/fnv"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

const contactAddr = "livedesk_contact.test"

// contactConfig is one contact with the given attributes.
func contactConfig(env *accEnv, attrs string) string {
	return env.config(`
resource "livedesk_contact" "test" {
  inbox_id = %q
  %s
}`, env.inboxID, attrs)
}

// uniqueDigits is uniqueSuffix in 8 decimal digits, for phone numbers.
func uniqueDigits(t *testing.T) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(uniqueSuffix(t)))
	return fmt.Sprintf("%08d", h.Sum32()%100_000_000)
}

// uniqueSuffix keeps emails and identifiers unique across tests and, on
// the real API (where contacts cannot be deleted), across runs.
func uniqueSuffix(t *testing.T) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(t.Name()))
	return strconv.FormatUint(uint64(h.Sum32()), 36) + strconv.FormatInt(time.Now().UnixNano()%1_000_000, 36)
}

func sandboxContact(sb *sandbox.Server, id string) (sandbox.Contact, bool) {
	return sandboxRecord(sb.Snapshot().Contacts, func(c sandbox.Contact) int64 { return c.ID }, id)
}

func TestAccContact_createUpdateInPlaceAndCaseInsensitiveEmail(t *testing.T) {
	env := newAccEnv(t)
	suffix := uniqueSuffix(t)
	email := fmt.Sprintf("Alice.%s@Acme.inc", suffix)
	first := contactConfig(env, fmt.Sprintf(`
  name         = "Alice"
  email        = %q
  phone_number = "+6591234567"
  identifier   = "crm-%s"
  custom_attributes = {
    tier = "gold"
    plan = "pro"
  }`, email, suffix))
	second := contactConfig(env, fmt.Sprintf(`
  name         = "Alice Tan"
  email        = %q
  identifier   = "crm-%s"
  custom_attributes = {
    tier = "platinum"
  }`, email, suffix))
	var id string
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: first,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("id"), numericID),
				statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("email"), knownvalue.StringExact(email)),
				statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("source_id"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("custom_attributes"), knownvalue.MapExact(map[string]knownvalue.Check{
					"tier": knownvalue.StringExact("gold"), "plan": knownvalue.StringExact("pro"),
				})),
			},
			Check: func(s *terraform.State) error {
				id = stateID(s, contactAddr)
				if env.sandbox == nil {
					return nil
				}
				c, ok := sandboxContact(env.sandbox, id)
				if !ok || c.Email != fmt.Sprintf("alice.%s@acme.inc", suffix) || c.Name != "Alice" {
					return fmt.Errorf("sandbox holds %+v, want Alice with a lower-case email", c)
				}
				return nil
			},
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			Config: second,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("name"), knownvalue.StringExact("Alice Tan")),
				statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("phone_number"), knownvalue.Null()),
				statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("custom_attributes"), knownvalue.MapExact(map[string]knownvalue.Check{
					"tier": knownvalue.StringExact("platinum"),
				})),
			},
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(contactAddr, plancheck.ResourceActionUpdate)),
			Check: func(s *terraform.State) error {
				if got := stateID(s, contactAddr); got != id {
					return fmt.Errorf("id changed from %s to %s; an update must keep the contact", id, got)
				}
				if env.sandbox == nil {
					return nil
				}
				c, _ := sandboxContact(env.sandbox, id)
				// LiveDesk merges custom attributes: the removed key stays.
				if c.Name != "Alice Tan" || c.PhoneNumber != "" || c.CustomAttributes["tier"] != "platinum" || c.CustomAttributes["plan"] != "pro" {
					return fmt.Errorf("sandbox holds %+v", c)
				}
				return nil
			},
		},
	))
}

func TestAccContact_driftAndRemovalBehindTerraformsBack(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	config := contactConfig(env, `
  name       = "Bob"
  email      = "bob@acme.inc"
  identifier = "crm-bob"
  custom_attributes = { tier = "silver" }`)
	var id string
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config:           config,
			Check:            func(s *terraform.State) error { id = stateID(s, contactAddr); return nil },
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			// An agent edits the contact in LiveDesk: the plan shows it and
			// the apply puts the configuration back.
			PreConfig: func() {
				n, _ := strconv.ParseInt(id, 10, 64)
				if err := sb.EditContact(n, sandbox.ContactInput{Name: "Robert", Email: "bob@acme.inc", Identifier: "crm-bob", CustomAttributes: map[string]string{"tier": "bronze", "note": "edited"}}); err != nil {
					t.Fatal(err)
				}
			},
			Config: config,
			ConfigPlanChecks: withPlanChecks(
				plancheck.ExpectResourceAction(contactAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(contactAddr, tfjsonpath.New("name"), knownvalue.StringExact("Bob")),
			),
			Check: func(s *terraform.State) error {
				c, _ := sandboxContact(sb, id)
				if c.Name != "Bob" || c.CustomAttributes["tier"] != "silver" {
					return fmt.Errorf("after apply the sandbox holds %+v, want Bob/silver again", c)
				}
				return nil
			},
		},
		resource.TestStep{
			// The contact is deleted in LiveDesk: refresh drops it with a
			// warning and the apply creates it again.
			PreConfig: func() {
				n, _ := strconv.ParseInt(id, 10, 64)
				if err := sb.DeleteContact(n); err != nil {
					t.Fatal(err)
				}
			},
			Config:           config,
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(contactAddr, plancheck.ResourceActionCreate)),
			Check: func(s *terraform.State) error {
				if got := stateID(s, contactAddr); got == id {
					return fmt.Errorf("id %s reused; a new contact was expected", got)
				}
				if _, ok := sandboxContact(sb, stateID(s, contactAddr)); !ok {
					return fmt.Errorf("the new contact is not in the sandbox")
				}
				return nil
			},
		},
	))
}

func TestAccContact_importByIdentifierAndEmail(t *testing.T) {
	for _, key := range []string{"identifier", "email"} {
		t.Run(key, func(t *testing.T) {
			env := newAccEnv(t)
			suffix := uniqueSuffix(t)
			config := contactConfig(env, fmt.Sprintf(`
  name       = "Carol"
  email      = "carol.%[1]s@acme.inc"
  identifier = "crm-carol-%[1]s"
  custom_attributes = { tier = "gold" }`, suffix))
			importID := map[string]string{"identifier": "identifier:crm-carol-" + suffix, "email": "email:CAROL." + suffix + "@acme.inc"}[key]
			resource.ParallelTest(t, env.testCase(
				resource.TestStep{Config: config, ConfigPlanChecks: emptyPlanAfterApply},
				resource.TestStep{
					Config:                  config,
					ResourceName:            contactAddr,
					ImportState:             true,
					ImportStateId:           importID,
					ImportStateVerify:       true,
					ImportStateVerifyIgnore: []string{"email"}, // imported lower-case, configured as written
				},
			))
		})
	}
}

func TestAccContact_importRefusesUnknownAmbiguousAndMalformedIDs(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	// LiveDesk now refuses a phone number twice, but older accounts hold
	// contacts that share one.
	for _, name := range []string{"Ivy", "Jack"} {
		if _, err := sb.AddContact(sandbox.ContactInput{InboxID: 1, Name: name, PhoneNumber: "+6580000000", Unvalidated: true}); err != nil {
			t.Fatal(err)
		}
	}
	config := contactConfig(env, `name = "Dave"`+"\n"+`identifier = "crm-dave"`)
	resource.Test(t, env.testCase(
		resource.TestStep{Config: config},
		resource.TestStep{Config: config, ResourceName: contactAddr, ImportState: true, ImportStateId: "phone:+6580000000", ExpectError: regexp.MustCompile(`(?s)Ambiguous LiveDesk contact.*Several contacts have\s+phone_number`)},
		resource.TestStep{Config: config, ResourceName: contactAddr, ImportState: true, ImportStateId: "identifier:nobody-has-this", ExpectError: regexp.MustCompile(`No such LiveDesk contact`)},
		resource.TestStep{Config: config, ResourceName: contactAddr, ImportState: true, ImportStateId: "12345", ExpectError: regexp.MustCompile(`No contact has id 12345`)},
		resource.TestStep{Config: config, ResourceName: contactAddr, ImportState: true, ImportStateId: "crm-dave", ExpectError: regexp.MustCompile(`identifier:<value>,\s+email:<value>\s+or\s+phone:<value>`)},
	))
}

func TestAccContact_duplicateEmailIsAClearError(t *testing.T) {
	env := newAccEnv(t)
	suffix := uniqueSuffix(t)
	resource.ParallelTest(t, env.testCase(resource.TestStep{
		Config: env.config(`
resource "livedesk_contact" "first" {
  inbox_id = %[1]q
  email    = "erin.%[2]s@acme.inc"
}

resource "livedesk_contact" "second" {
  inbox_id   = %[1]q
  email      = "Erin.%[2]s@Acme.inc"
  depends_on = [livedesk_contact.first]
}`, env.inboxID, suffix),
		ExpectError: regexp.MustCompile(`(?s)Email has already been taken.*already has this\s+email.*terraform import <address>\s+email:`),
	}))
}

func sandboxContactInput(prefix string, i int) sandbox.ContactInput {
	return sandbox.ContactInput{InboxID: 1, Name: fmt.Sprintf("%s %d", prefix, i), Identifier: fmt.Sprintf("%s-%d", regexp.MustCompile(`\W`).ReplaceAllString(strings.ToLower(prefix), ""), i)}
}

func TestAccContact_movingToAnotherInboxWithTheSameEmailIsRefusedAtPlan(t *testing.T) {
	env := newAccEnv(t, func(o *sandbox.Options) {
		o.Inboxes = []sandbox.Inbox{{ID: 1, Name: "First"}, {ID: 2, Name: "Second"}}
	})
	sb := env.requireSandbox(t)
	inbox := func(id, email string) string {
		return env.config(`
resource "livedesk_contact" "test" {
  inbox_id = %q
  email    = %q
}`, id, email)
	}
	resource.Test(t, env.testCase(
		resource.TestStep{Config: inbox("1", "henry@acme.inc"), ConfigPlanChecks: emptyPlanAfterApply},
		resource.TestStep{
			Config:      inbox("2", "Henry@Acme.inc"),
			ExpectError: regexp.MustCompile(`(?s)cannot move to another\s+inbox`),
		},
		// With another email the replacement is possible: a new contact in
		// the second inbox, the first one left in LiveDesk.
		resource.TestStep{
			Config:           inbox("2", "henry.second@acme.inc"),
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(contactAddr, plancheck.ResourceActionDestroyBeforeCreate)),
			Check: func(s *terraform.State) error {
				c, ok := sandboxContact(sb, stateID(s, contactAddr))
				if !ok || c.InboxID != 2 || c.Email != "henry.second@acme.inc" {
					return fmt.Errorf("sandbox holds %+v, want the new contact in inbox 2", c)
				}
				// The fixture contact, the first Henry (kept: no delete) and the new one.
				if n := len(sb.Snapshot().Contacts); n != 3 {
					return fmt.Errorf("sandbox holds %d contacts, want 3", n)
				}
				return nil
			},
		},
	))
}

// TestEmailFormatNeedsADomainWithADot refuses at plan the addresses no mail
// reaches, and accepts only what the sandbox, which applies LiveDesk's own
// rule (Devise's email_regexp), accepts too: no plan passes that the API
// would refuse.
func TestEmailFormatNeedsADomainWithADot(t *testing.T) {
	t.Parallel()
	sb := sandbox.New(sandbox.Options{})
	for email, ok := range map[string]bool{
		"alice@acme.inc":                  true,
		"Alice.Smith+ops@mail.acme.co.uk": true,
		"jose@exämple.es":                 true,
		"a@b":                             false,
		"root@localhost":                  false,
		"a@b.":                            false,
		"a@.b":                            false,
		"a@b..c":                          false,
		"@acme.inc":                       false,
		"a@@acme.inc":                     false,
		"a b@acme.inc":                    false,
		"a@acme.inc ":                     false,
		"a\u200b@acme.inc":                false,
		"a@acme\u00a0.inc":                false,
	} {
		if got := emailAddress.MatchString(email); got != ok {
			t.Errorf("emailAddress accepts %q: %v, want %v", email, got, ok)
		}
		if ok {
			if _, err := sb.AddContact(sandbox.ContactInput{Email: email}); err != nil {
				t.Errorf("the sandbox refuses %q, which the provider accepts: %v", email, err)
			}
		}
	}
}

package provider

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

func TestAccContact_refusesMalformedPhoneAndEmailAtPlan(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	var steps []resource.TestStep
	for _, phone := range []string{"6591234567", "+0591234567", "+1", "+1234567890123456", "+65 9123 4567", "+65-9123-4567"} {
		steps = append(steps, resource.TestStep{
			Config:      contactConfig(env, fmt.Sprintf("phone_number = %q", phone)),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)phone_number must be in E.164 format: "\+", then 2 to 15 digits, the\s+first not 0`),
		})
	}
	for _, email := range []string{"alice", "alice@", "@acme.inc", "alice smith@acme.inc", "a@b@acme.inc", "a@b", "alice@acme."} {
		steps = append(steps, resource.TestStep{
			Config:      contactConfig(env, fmt.Sprintf("email = %q", email)),
			PlanOnly:    true,
			ExpectError: wrapped(`email must be an email address: one "@", no spaces, and a domain with a dot`),
		})
	}
	resource.ParallelTest(t, env.testCase(steps...))
	if n := sb.Snapshot().Requests["POST /api/v2/accounts/contacts"]; n != 0 {
		t.Errorf("%d contact creates reached LiveDesk; bad input must stop at plan", n)
	}
}

func TestAccContact_takenPhoneNumberAndCaseSensitiveIdentifier(t *testing.T) {
	env := newAccEnv(t)
	suffix, digits := uniqueSuffix(t), uniqueDigits(t)
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: env.config(`
resource "livedesk_contact" "first" {
  inbox_id     = %[1]q
  phone_number = "+65%[2]s"
  identifier   = "CRM-%[3]s"
}

resource "livedesk_contact" "second" {
  inbox_id     = %[1]q
  identifier   = "crm-%[3]s" # another identifier: they are compared case-sensitively
  depends_on   = [livedesk_contact.first]
}`, env.inboxID, digits, suffix),
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			Config: env.config(`
resource "livedesk_contact" "first" {
  inbox_id     = %[1]q
  phone_number = "+65%[2]s"
  identifier   = "CRM-%[3]s"
}

resource "livedesk_contact" "second" {
  inbox_id     = %[1]q
  identifier   = "crm-%[3]s"
  phone_number = "+65%[2]s"
}`, env.inboxID, digits, suffix),
			ExpectError: regexp.MustCompile(`(?s)Phone number has already been taken.*already has this phone_number,\s+"\+65` + digits +
				`".*terraform import <address> phone:\+65` + digits),
		},
	))
}

// editContact changes the contact with the state id at addr behind
// Terraform's back, as an agent would in the LiveDesk console.
func editContact(t *testing.T, sb *sandbox.Server, id *string, in sandbox.ContactInput) func() {
	return func() {
		n, _ := strconv.ParseInt(*id, 10, 64)
		if err := sb.EditContact(n, in); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAccContact_consoleEditOfEveryKeyIsFoundByPagingAndShowsAsDrift(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	// More contacts than one page, so that the walk reads several pages.
	for i := range 2 * 15 {
		if _, err := sb.AddContact(sandboxContactInput("Crowd", i)); err != nil {
			t.Fatal(err)
		}
	}
	config := contactConfig(env, `
  name       = "Nina"
  email      = "nina@acme.inc"
  identifier = "crm-nina"`)
	var id string
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config:           config,
			Check:            func(s *terraform.State) error { id = stateID(s, contactAddr); return nil },
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			// Identifier, email and name all changed in the console: no
			// search by the stored keys finds the contact any more.
			PreConfig: editContact(t, sb, &id, sandbox.ContactInput{Name: "N. Console", Email: "n.console@acme.inc", Identifier: "console-n"}),
			Config:    config,
			ConfigPlanChecks: withPlanChecks(
				plancheck.ExpectResourceAction(contactAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(contactAddr, tfjsonpath.New("identifier"), knownvalue.StringExact("crm-nina")),
			),
			Check: func(s *terraform.State) error {
				if got := stateID(s, contactAddr); got != id {
					return fmt.Errorf("contact %s was replaced by %s; the edited contact must be updated, not recreated", id, got)
				}
				c, _ := sandboxContact(sb, id)
				if c.Name != "Nina" || c.Email != "nina@acme.inc" || c.Identifier != "crm-nina" {
					return fmt.Errorf("after apply the sandbox holds %+v", c)
				}
				if n := len(sb.Snapshot().Contacts); n != 2*15+2 {
					return fmt.Errorf("sandbox holds %d contacts, want %d: no duplicate", n, 2*15+2)
				}
				return nil
			},
		},
	))
}

func TestAccContact_phoneNumberDriftAndEmailCase(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	config := contactConfig(env, `
  name         = "Omar"
  email        = "Omar@Acme.inc"
  phone_number = "+6591110000"`)
	var id string
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config:           config,
			Check:            func(s *terraform.State) error { id = stateID(s, contactAddr); return nil },
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			// The phone number changed in the console: the plan puts it back.
			PreConfig: editContact(t, sb, &id, sandbox.ContactInput{Name: "Omar", Email: "omar@acme.inc", PhoneNumber: "+6592220000"}),
			Config:    config,
			ConfigPlanChecks: withPlanChecks(
				plancheck.ExpectResourceAction(contactAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(contactAddr, tfjsonpath.New("phone_number"), knownvalue.StringExact("+6591110000")),
			),
			Check: func(*terraform.State) error {
				if c, _ := sandboxContact(sb, id); c.PhoneNumber != "+6591110000" {
					return fmt.Errorf("after apply the sandbox holds phone %q", c.PhoneNumber)
				}
				return nil
			},
		},
		resource.TestStep{
			// The email respelled in another case is the same email.
			PreConfig:        editContact(t, sb, &id, sandbox.ContactInput{Name: "Omar", Email: "OMAR@ACME.INC", PhoneNumber: "+6591110000"}),
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("email"), knownvalue.StringExact("Omar@Acme.inc")),
			},
		},
		resource.TestStep{
			// Another email is drift.
			PreConfig: editContact(t, sb, &id, sandbox.ContactInput{Name: "Omar", Email: "omar.other@acme.inc", PhoneNumber: "+6591110000"}),
			Config:    config,
			ConfigPlanChecks: withPlanChecks(
				plancheck.ExpectResourceAction(contactAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(contactAddr, tfjsonpath.New("email"), knownvalue.StringExact("Omar@Acme.inc")),
			),
		},
	))
}

func TestAccContact_importByID(t *testing.T) {
	env := newAccEnv(t)
	suffix := uniqueSuffix(t)
	config := contactConfig(env, fmt.Sprintf(`
  name       = "Pia"
  email      = "pia.%[1]s@acme.inc"
  identifier = "crm-pia-%[1]s"
  custom_attributes = { tier = "gold" }`, suffix))
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{Config: config, ConfigPlanChecks: emptyPlanAfterApply},
		resource.TestStep{Config: config, ResourceName: contactAddr, ImportState: true, ImportStateVerify: true},
	))
}

func TestAccContact_removedCustomAttributeSendsNothingAndLeavesNoDrift(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	first := contactConfig(env, `
  name = "Quinn"
  identifier = "crm-quinn"
  custom_attributes = { tier = "gold", count = "3" }`)
	second := contactConfig(env, `
  name = "Quinn"
  identifier = "crm-quinn"
  custom_attributes = { tier = "gold" }`)
	const patch = "PATCH /api/v2/accounts/contacts/{id}"
	var patches int
	var id string
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: first,
			Check: func(s *terraform.State) error {
				id, patches = stateID(s, contactAddr), sb.Snapshot().Requests[patch]
				return nil
			},
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			Config: second,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(contactAddr, tfjsonpath.New("custom_attributes"), knownvalue.MapExact(map[string]knownvalue.Check{
					"tier": knownvalue.StringExact("gold"),
				})),
			},
			ConfigPlanChecks: emptyPlanAfterApply,
			Check: func(*terraform.State) error {
				if n := sb.Snapshot().Requests[patch]; n != patches {
					return fmt.Errorf("%d PATCH requests sent for a change LiveDesk cannot make", n-patches)
				}
				if c, _ := sandboxContact(sb, id); c.CustomAttributes["count"] != "3" {
					return fmt.Errorf("sandbox holds %v; LiveDesk keeps the removed key", c.CustomAttributes)
				}
				return nil
			},
		},
	))
}

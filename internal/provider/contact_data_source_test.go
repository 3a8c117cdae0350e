package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

func TestAccContactDataSources(t *testing.T) {
	env := newAccEnv(t)
	suffix, digits := uniqueSuffix(t), uniqueDigits(t)
	contacts := env.config(`
resource "livedesk_contact" "frank" {
  inbox_id     = %[1]q
  name         = "Frank %[2]s"
  email        = "frank.%[2]s@acme.inc"
  identifier   = "crm-frank-%[2]s"
  phone_number = "+65%[3]s"
}

resource "livedesk_contact" "grace" {
  inbox_id     = %[1]q
  name         = "Grace %[2]s"
  email        = "grace.%[2]s@acme.inc"
  phone_number = "+66%[3]s"
}
`, env.inboxID, suffix, digits)
	same := func(attr string) statecheck.StateCheck {
		return statecheck.CompareValuePairs("data.livedesk_contact.by_"+attr, tfjsonpath.New("id"), "livedesk_contact.frank", tfjsonpath.New("id"), compare.ValuesSame())
	}
	steps := []resource.TestStep{
		{Config: contacts},
		{
			Config: contacts + `
data "livedesk_contact" "by_id" {
  id = livedesk_contact.frank.id
}

data "livedesk_contact" "by_identifier" {
  identifier = livedesk_contact.frank.identifier
}

data "livedesk_contact" "by_email" {
  email = upper(livedesk_contact.frank.email)
}

data "livedesk_contacts" "search" {
  query = "` + suffix + `@acme.inc"
  sort  = "name"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				same("id"), same("identifier"), same("email"),
				statecheck.ExpectKnownValue("data.livedesk_contact.by_id", tfjsonpath.New("name"), knownvalue.StringExact("Frank "+suffix)),
				statecheck.ExpectKnownValue("data.livedesk_contact.by_id", tfjsonpath.New("contact_inboxes").AtSliceIndex(0).AtMapKey("inbox_id"), knownvalue.StringExact(env.inboxID)),
				statecheck.ExpectKnownValue("data.livedesk_contacts.search", tfjsonpath.New("contacts"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("Frank " + suffix)}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("Grace " + suffix)}),
				})),
			},
		},
		{
			Config: contacts + `
data "livedesk_contact" "by_phone" {
  phone_number = livedesk_contact.frank.phone_number
}
`,
			ConfigStateChecks: []statecheck.StateCheck{same("phone")},
		},
		{
			Config: contacts + `
data "livedesk_contact" "nobody" {
  email = "nobody.` + suffix + `@acme.inc"
}
`,
			ExpectError: regexp.MustCompile(`No such LiveDesk contact`),
		},
		{
			Config: contacts + `
data "livedesk_contact" "two_keys" {
  email      = "a@b.c"
  identifier = "x"
}
`,
			ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination.*Exactly one of these attributes`),
		},
	}
	if sb := env.sandbox; sb != nil {
		// LiveDesk now refuses a phone number twice, but older accounts
		// hold contacts that share one.
		steps = append(steps, resource.TestStep{
			PreConfig: func() {
				for _, name := range []string{"Old One", "Old Two"} {
					if _, err := sb.AddContact(sandbox.ContactInput{Name: name, PhoneNumber: "+6580000000", Unvalidated: true}); err != nil {
						t.Fatal(err)
					}
				}
			},
			Config: contacts + `
data "livedesk_contact" "by_phone" {
  phone_number = "+6580000000"
}
`,
			ExpectError: regexp.MustCompile(`(?s)Several LiveDesk contacts match.*2 contacts have phone_number`),
		})
	}
	// A valid last step, so that the final destroy can plan.
	steps = append(steps, resource.TestStep{Config: contacts})
	resource.ParallelTest(t, env.testCase(steps...))
}

func TestAccContactsDataSourceWalksPages(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	for i := range 40 {
		if _, err := sb.AddContact(sandboxContactInput("Paged", i)); err != nil {
			t.Fatal(err)
		}
	}
	resource.ParallelTest(t, env.testCase(resource.TestStep{
		Config: env.config(`
data "livedesk_contacts" "paged" {
  query       = "paged-"
  max_results = 35
}

data "livedesk_contacts" "all" {
  query = "paged-"
}
`),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.livedesk_contacts.paged", tfjsonpath.New("contacts"), knownvalue.ListSizeExact(35)),
			statecheck.ExpectKnownValue("data.livedesk_contacts.all", tfjsonpath.New("contacts"), knownvalue.ListSizeExact(40)),
		},
	}))
}

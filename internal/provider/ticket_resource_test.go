package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

const ticketAddr = "livedesk_ticket.test"

// ticketIDValue matches ticket ids in the vendor's form.
var ticketIDValue = knownvalue.StringRegexp(regexp.MustCompile(`^tk_[0-9A-Za-z_]+$`))

// ticketConfig is one ticket with the given attributes.
func ticketConfig(env *accEnv, attrs string) string {
	return env.config(`
resource "livedesk_ticket" "test" {
  %s
}`, attrs)
}

// sandboxTicket returns the sandbox's copy of a ticket.
func sandboxTicket(sb *sandbox.Server, id string) (sandbox.Ticket, bool) {
	for _, t := range sb.Snapshot().Tickets {
		if t.ID == id {
			return t, true
		}
	}
	return sandbox.Ticket{}, false
}

// checkSandboxTicket runs check on the sandbox's copy of the ticket in the
// state; against the real API it checks nothing.
func checkSandboxTicket(env *accEnv, check func(sandbox.Ticket) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if env.sandbox == nil {
			return nil
		}
		id := stateID(s, ticketAddr)
		t, ok := sandboxTicket(env.sandbox, id)
		if !ok {
			return fmt.Errorf("the sandbox holds no ticket %s", id)
		}
		return check(t)
	}
}

func TestAccTicket_createThenUpdateInPlace(t *testing.T) {
	env := newAccEnv(t)
	first := ticketConfig(env, fmt.Sprintf(`
  title         = "Printer paper jam"
  description   = "A4 paper jammed at the output tray."
  priority      = "high"
  ticket_type   = "incident"
  tags          = ["printer"]
  custom_fields = { device_sn = "PRN-2024-001" }
  attachment_urls = ["https://example.com/files/error.jpg"]
  requester = {
    euid       = "contact_%s"
    channel_id = "inbox_%s"
  }`, env.contactID, env.inboxID))
	second := ticketConfig(env, fmt.Sprintf(`
  title         = "Printer paper jam (updated)"
  description   = "Technician dispatched."
  priority      = "urgent"
  ticket_type   = "incident"
  tags          = ["printer", "hardware"]
  custom_fields = { device_sn = "PRN-2024-001", resolution_note = "Replaced the feeder" }
  attachment_urls = []
  requester = {
    euid       = "contact_%s"
    channel_id = "inbox_%s"
  }`, env.contactID, env.inboxID))
	var id string
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: first,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ticketAddr, tfjsonpath.New("id"), ticketIDValue),
				statecheck.ExpectKnownValue(ticketAddr, tfjsonpath.New("status"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(ticketAddr, tfjsonpath.New("submitter_id"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ticketAddr, tfjsonpath.New("requester").AtMapKey("contact_id"), knownvalue.Null()),
			},
			Check: resource.ComposeTestCheckFunc(
				func(s *terraform.State) error { id = stateID(s, ticketAddr); return nil },
				checkSandboxTicket(env, func(tk sandbox.Ticket) error {
					if tk.Title != "Printer paper jam" || tk.Priority != "high" || tk.RequesterEUID != "contact_"+env.contactID ||
						len(tk.AttachmentURLs) != 1 || tk.CustomFields["device_sn"] != "PRN-2024-001" {
						return fmt.Errorf("sandbox holds %+v", tk)
					}
					return nil
				}),
			),
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			Config:           second,
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(ticketAddr, plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ticketAddr, tfjsonpath.New("tags"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("printer"), knownvalue.StringExact("hardware"),
				})),
				statecheck.ExpectKnownValue(ticketAddr, tfjsonpath.New("attachment_urls"), knownvalue.ListSizeExact(0)),
			},
			Check: resource.ComposeTestCheckFunc(
				func(s *terraform.State) error {
					if got := stateID(s, ticketAddr); got != id {
						return fmt.Errorf("id changed from %s to %s; an update must keep the ticket", id, got)
					}
					return nil
				},
				checkSandboxTicket(env, func(tk sandbox.Ticket) error {
					if tk.Updates != 1 || tk.Title != "Printer paper jam (updated)" || tk.Priority != "urgent" || len(tk.AttachmentURLs) != 0 ||
						tk.CustomFields["resolution_note"] != "Replaced the feeder" || tk.RequesterEUID != "contact_"+env.contactID {
						return fmt.Errorf("after one PUT the sandbox holds %+v", tk)
					}
					return nil
				}),
			),
		},
	))
}

func TestAccTicket_driftIsShownAndRepairedWithoutWipingUnmanagedFields(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	config := ticketConfig(env, `
  title       = "Refund request"
  description = "Order 1042"
  priority    = "medium"`)
	var id string
	low, problem, tags := "low", "problem", []string{"billing"}
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config:           config,
			Check:            func(s *terraform.State) error { id = stateID(s, ticketAddr); return nil },
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			// An agent lowers the priority (managed) and sets a type and
			// tags (not managed): the plan shows the priority only, and
			// the PUT that repairs it keeps the type and the tags.
			PreConfig: func() {
				if err := sb.EditTicket(id, sandbox.TicketEdit{Priority: &low, TicketType: &problem, Tags: &tags}); err != nil {
					t.Fatal(err)
				}
			},
			Config: config,
			ConfigPlanChecks: withPlanChecks(
				plancheck.ExpectResourceAction(ticketAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(ticketAddr, tfjsonpath.New("priority"), knownvalue.StringExact("medium")),
				plancheck.ExpectKnownValue(ticketAddr, tfjsonpath.New("ticket_type"), knownvalue.StringExact("problem")),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ticketAddr, tfjsonpath.New("ticket_type"), knownvalue.StringExact("problem")),
			},
			Check: checkSandboxTicket(env, func(tk sandbox.Ticket) error {
				if tk.Priority != "medium" || tk.TicketType != "problem" || len(tk.Tags) != 1 || tk.Updates != 1 {
					return fmt.Errorf("after the repair the sandbox holds %+v; want priority medium and the agent's type and tags kept", tk)
				}
				return nil
			}),
		},
		resource.TestStep{
			// A title change is one more PUT that still keeps them.
			Config: ticketConfig(env, `
  title       = "Refund request (order 1042)"
  description = "Order 1042"
  priority    = "medium"`),
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(ticketAddr, plancheck.ResourceActionUpdate)),
			Check: checkSandboxTicket(env, func(tk sandbox.Ticket) error {
				if tk.Title != "Refund request (order 1042)" || tk.TicketType != "problem" || len(tk.Tags) != 1 || tk.Updates != 2 {
					return fmt.Errorf("after a title change the sandbox holds %+v", tk)
				}
				return nil
			}),
		},
	))
}

func TestAccTicket_importThenEmptyPlan(t *testing.T) {
	env := newAccEnv(t)
	config := ticketConfig(env, `
  title       = "Imported ticket"
  description = "Created, then imported by id"
  priority    = "low"
  tags        = ["import"]`)
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{Config: config, ConfigPlanChecks: emptyPlanAfterApply},
		resource.TestStep{
			Config: config, ResourceName: ticketAddr, ImportState: true, ImportStateVerify: true,
		},
		resource.TestStep{
			// Adopting the ticket with an import block plans no change.
			Config: config, ResourceName: ticketAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
		},
		resource.TestStep{
			Config: config, ResourceName: ticketAddr, ImportState: true, ImportStateId: "tk/../x",
			ExpectError: regexp.MustCompile(`Invalid livedesk_ticket import id`),
		},
	))
}

func TestAccTicket_goneIsRemovedAndRecreated(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	config := ticketConfig(env, `title = "Will vanish"`)
	var id string
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config:           config,
			Check:            func(s *terraform.State) error { id = stateID(s, ticketAddr); return nil },
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			PreConfig: func() {
				if err := sb.DeleteTicket(id); err != nil {
					t.Fatal(err)
				}
			},
			Config:           config,
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(ticketAddr, plancheck.ResourceActionCreate)),
			Check: func(s *terraform.State) error {
				if got := stateID(s, ticketAddr); got == id {
					return fmt.Errorf("the ticket kept the gone id %s", id)
				}
				if n := len(sb.Snapshot().Tickets); n != 1 {
					return fmt.Errorf("sandbox holds %d tickets, want the new one", n)
				}
				return nil
			},
		},
	))
}

func TestAccTicket_nonZeroCodeWithStatus200IsAClearError(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	resource.ParallelTest(t, env.testCase(resource.TestStep{
		Config: ticketConfig(env, `
  title           = "Nobody's ticket"
  assignment_team = "No Such Team"`),
		ExpectError: regexp.MustCompile(`(?s)Cannot create the LiveDesk ticket.*answered 200 OK with code 10002:\s+assignment\s+team "No Such Team" does not exist.*refused the request with code 10002.*nothing was\s+changed`),
	}))
	if n := len(sb.Snapshot().Tickets); n != 0 {
		t.Errorf("sandbox holds %d tickets after a refusal", n)
	}
}

func TestAccTicket_priorityIsCheckedAtPlanTime(t *testing.T) {
	env := newAccEnv(t)
	resource.ParallelTest(t, env.testCase(resource.TestStep{
		Config: ticketConfig(env, `
  title    = "Normal?"
  priority = "normal"`),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`(?s)priority.*value must be one of.*"low".*"medium".*"high".*"urgent"`),
	}))
}

func TestAccTicketDataSource_readsTheConversationList(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	resourceOnly := ticketConfig(env, `
  title           = "With history"
  assignment_team = "IT Support"`)
	withData := resourceOnly + `
data "livedesk_ticket" "test" {
  id = livedesk_ticket.test.id
}`
	var id string
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{Config: resourceOnly, Check: func(s *terraform.State) error { id = stateID(s, ticketAddr); return nil }},
		resource.TestStep{
			PreConfig: func() {
				for _, m := range []sandbox.TicketMessage{
					{SenderID: "u_12345", SenderType: "internal_member", SenderName: "Agent Li", Content: "Received.", SentAt: 1763531725},
					{SenderID: "u_12345", SenderType: "internal_member", SenderName: "Agent Li", Content: "Internal note", IsInternal: true, SentAt: 1763531800},
				} {
					if _, err := sb.AddTicketMessage(id, m); err != nil {
						t.Fatal(err)
					}
				}
			},
			Config: withData,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.livedesk_ticket.test", tfjsonpath.New("assignment_team"), knownvalue.StringExact("IT Support")),
				statecheck.ExpectKnownValue("data.livedesk_ticket.test", tfjsonpath.New("conversation_list"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"message_id": knownvalue.StringRegexp(regexp.MustCompile(`^msg_20251119_001$`)),
						"sender": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"id": knownvalue.StringExact("u_12345"), "type": knownvalue.StringExact("internal_member"), "name": knownvalue.StringExact("Agent Li"),
						}),
						"content": knownvalue.StringExact("Received."), "content_type": knownvalue.StringExact("text"),
						"sent_at": knownvalue.StringExact("2025-11-19T05:55:25Z"), "is_internal": knownvalue.Bool(false),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"content": knownvalue.StringExact("Internal note"), "is_internal": knownvalue.Bool(true),
					}),
				})),
			},
		},
		resource.TestStep{
			Config:      env.config(`data "livedesk_ticket" "gone" { id = "tk_20250101_ffffff" }`),
			ExpectError: regexp.MustCompile(`No such LiveDesk ticket`),
		},
	))
}

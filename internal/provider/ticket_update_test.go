package provider

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// requesterTicket is a ticket whose requester has a channel contact.
func requesterTicket(env *accEnv, title, channelID, contactID string) string {
	return ticketConfig(env, fmt.Sprintf(`
  title = %q
  requester = {
    euid       = "contact_%s"
    channel_id = %q
    contact_id = %q
  }`, title, env.contactID, channelID, contactID))
}

// followerIDs are the ids of a ticket's followers.
func followerIDs(tk sandbox.Ticket) []string {
	ids := make([]string, 0, len(tk.Followers))
	for _, f := range tk.Followers {
		ids = append(ids, f.ID)
	}
	return ids
}

func TestAccTicket_updateKeepsWhatTheSchemaDoesNotModel(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	var id string
	subContact, followers := "23232323", []sandbox.TicketFollower{{ID: "u_12345", Name: "Zhang San"}, {ID: "u_67890"}}
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config:           requesterTicket(env, "Printer paper jam", "inbox_100", "-1001234567890"),
			Check:            func(s *terraform.State) error { id = stateID(s, ticketAddr); return nil },
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			// An agent adds a sub-contact and followers, which the schema
			// does not model; changing only the title keeps them.
			PreConfig: func() {
				if err := sb.EditTicket(id, sandbox.TicketEdit{SubContactID: &subContact, Followers: &followers}); err != nil {
					t.Fatal(err)
				}
			},
			Config:           requesterTicket(env, "Printer paper jam (second floor)", "inbox_100", "-1001234567890"),
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(ticketAddr, plancheck.ResourceActionUpdate)),
			Check: checkSandboxTicket(env, func(tk sandbox.Ticket) error {
				if tk.Updates != 1 || tk.Title != "Printer paper jam (second floor)" || tk.SubContactID != subContact ||
					!slices.Equal(followerIDs(tk), []string{"u_12345", "u_67890"}) || tk.ChannelID != "inbox_100" || tk.ContactID != "-1001234567890" {
					return fmt.Errorf("after a title change the sandbox holds %+v; want sub_contact_id %s and both followers kept", tk, subContact)
				}
				return nil
			}),
		},
	))
}

func TestAccTicket_requesterChannelAndContactChangeInPlace(t *testing.T) {
	env := newAccEnv(t)
	var id string
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config:           requesterTicket(env, "Moved customer", "inbox_100", "-1001"),
			Check:            func(s *terraform.State) error { id = stateID(s, ticketAddr); return nil },
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			Config:           requesterTicket(env, "Moved customer", "inbox_200", "-2002"),
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(ticketAddr, plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ticketAddr, tfjsonpath.New("requester").AtMapKey("channel_id"), knownvalue.StringExact("inbox_200")),
				statecheck.ExpectKnownValue(ticketAddr, tfjsonpath.New("requester").AtMapKey("contact_id"), knownvalue.StringExact("-2002")),
			},
			Check: resource.ComposeTestCheckFunc(
				func(s *terraform.State) error {
					if got := stateID(s, ticketAddr); got != id {
						return fmt.Errorf("id changed from %s to %s; the requester changes in place", id, got)
					}
					return nil
				},
				checkSandboxTicket(env, func(tk sandbox.Ticket) error {
					if tk.Updates != 1 || tk.ChannelID != "inbox_200" || tk.ContactID != "-2002" || tk.RequesterEUID != "contact_"+env.contactID {
						return fmt.Errorf("after the requester change the sandbox holds %+v", tk)
					}
					return nil
				}),
			),
		},
	))
}

func TestAccTicket_emptyTagsClearTheTags(t *testing.T) {
	env := newAccEnv(t)
	tagged := func(tags string) string {
		return ticketConfig(env, fmt.Sprintf(`
  title = "Tagged"
  tags  = %s`, tags))
	}
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config:           tagged(`["printer", "hardware"]`),
			ConfigPlanChecks: emptyPlanAfterApply,
			Check: checkSandboxTicket(env, func(tk sandbox.Ticket) error {
				if !slices.Equal(tk.Tags, []string{"printer", "hardware"}) {
					return fmt.Errorf("sandbox holds tags %q", tk.Tags)
				}
				return nil
			}),
		},
		resource.TestStep{
			Config:           tagged(`[]`),
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(ticketAddr, plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ticketAddr, tfjsonpath.New("tags"), knownvalue.ListSizeExact(0)),
			},
			Check: checkSandboxTicket(env, func(tk sandbox.Ticket) error {
				if len(tk.Tags) != 0 || tk.Updates != 1 {
					return fmt.Errorf("after tags = [] the sandbox holds tags %q (%d updates), want none", tk.Tags, tk.Updates)
				}
				return nil
			}),
		},
	))
}

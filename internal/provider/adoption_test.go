package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// A conversation imported with the ids of the messages it already holds
// adopts them as the first elements of its transcript: nothing is sent for
// them, a reply_to to them uses their ids, and only the elements after
// them are sent.
func TestAccConversation_importWithHeldMessagesSendsOnlyTheRest(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	const keep = "\n  resolve_on_destroy = false"
	first := transcriptConfig(env, keep, `{ content = "Hello", message_type = "incoming" }`, `{ content = "Hi, how can I help?" }`)
	more := transcriptConfig(env, keep, `{ content = "Hello", message_type = "incoming" }`, `{ content = "Hi, how can I help?" }`,
		`{ content = "About my order", message_type = "incoming", reply_to = 1 }`)
	var conv string
	var held []sandboxMessageID
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{Config: first, Check: func(s *terraform.State) error {
			conv = stateID(s, conversationAddr)
			for _, m := range conversationMessages(t, sb, s) {
				held = append(held, sandboxMessageID(m.ID))
			}
			return nil
		}},
		resource.TestStep{Config: env.config("")}, // the state is lost; the conversation stays
		resource.TestStep{
			Config:             more,
			ResourceName:       conversationAddr,
			ImportState:        true,
			ImportStateIdFunc:  func(*terraform.State) (string, error) { return fmt.Sprintf("%s/%d,%d", conv, held[0], held[1]), nil },
			ImportStatePersist: true,
		},
		resource.TestStep{
			Config: more,
			ConfigPlanChecks: withPlanChecks(
				plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("messages").AtSliceIndex(0).AtMapKey("id"), heldID(&held, 0)),
				plancheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("messages").AtSliceIndex(1).AtMapKey("id"), heldID(&held, 1)),
				plancheck.ExpectUnknownValue(conversationAddr, tfjsonpath.New("messages").AtSliceIndex(2).AtMapKey("id")),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(conversationAddr, tfjsonpath.New("id"), knownvalue.StringFunc(func(v string) error {
					if v != conv {
						return fmt.Errorf("id %s, want the imported %s", v, conv)
					}
					return nil
				})),
			},
			Check: func(s *terraform.State) error {
				msgs := conversationMessages(t, sb, s)
				if len(msgs) != 3 || msgs[2].Content != "About my order" {
					return fmt.Errorf("the conversation holds %+v, want the two it had and the new one", msgs)
				}
				if msgs[2].InReplyTo == nil || *msgs[2].InReplyTo != int64(held[1]) {
					return fmt.Errorf("the new message replies to %v, want the adopted message %d", msgs[2].InReplyTo, held[1])
				}
				return requestsAre(sb, 3)
			},
		},
	))
}

// sandboxMessageID is a message id the sandbox gave.
type sandboxMessageID int64

// heldID checks that a planned id is the i-th of held, read when the plan
// is checked (held is filled by an earlier step).
func heldID(held *[]sandboxMessageID, i int) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		if want := fmt.Sprint((*held)[i]); v != want {
			return fmt.Errorf("messages[%d] is planned with id %s, want the imported %s", i, v, want)
		}
		return nil
	})
}

func TestAccConversation_importWithMoreHeldMessagesThanConfiguredIsRefusedAtPlan(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	config := transcriptConfig(env, "\n  resolve_on_destroy = false", `{ content = "only one" }`)
	var conv string
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{Config: config, Check: func(s *terraform.State) error { conv = stateID(s, conversationAddr); return nil }},
		resource.TestStep{Config: env.config("")},
		resource.TestStep{
			Config:             config,
			ResourceName:       conversationAddr,
			ImportState:        true,
			ImportStateIdFunc:  func(*terraform.State) (string, error) { return conv + "/1,2", nil },
			ImportStatePersist: true,
		},
		resource.TestStep{
			Config:      config,
			PlanOnly:    true,
			ExpectError: wrapped(`(?s)More message ids imported than messages configured.*imported with 2 message ids.*messages has 1`),
		},
	))
	if err := requestsAre(sb, 1); err != nil {
		t.Error(err)
	}
}

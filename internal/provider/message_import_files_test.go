package provider

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccMessage_importWithFilesAdoptsWithoutASend(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	file := filepath.Join(t.TempDir(), "receipt.txt")
	receipt := []byte("receipt 7\n")
	writeFile(t, file, receipt)
	config := messagesConfig(env, fmt.Sprintf(`
resource "livedesk_message" "m" {
  conversation_id = livedesk_conversation.test.id
  content         = "Your receipt"
  files           = [%q]
}`, file))
	var importID string
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{Config: config, Check: func(s *terraform.State) error {
			importID = stateID(s, conversationAddr) + "/" + stateID(s, "livedesk_message.m")
			return nil
		}},
		resource.TestStep{Config: messagesConfig(env, "")}, // forgotten, as after a lost send answer
		resource.TestStep{
			Config:             config,
			ResourceName:       "livedesk_message.m",
			ImportState:        true,
			ImportStateIdFunc:  func(*terraform.State) (string, error) { return importID, nil },
			ImportStatePersist: true,
		},
		resource.TestStep{
			Config:           config,
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction("livedesk_message.m", plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("livedesk_message.m", tfjsonpath.New("files_sha256"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact(sha256Hex(receipt)),
				})),
			},
			Check: func(s *terraform.State) error {
				if got := stateID(s, conversationAddr) + "/" + stateID(s, "livedesk_message.m"); got != importID {
					return fmt.Errorf("the message is %s after adoption, want the imported %s", got, importID)
				}
				return requestsAre(sb, 1)
			},
		},
	))
}

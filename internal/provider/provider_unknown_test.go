package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// providerFromResource is a provider block whose api_key comes from
// terraform_data.secret (Terraform's built-in provider), so that it is
// unknown while the first plan is made, as a key from a secret store
// resource would be.
func (e *accEnv) providerFromResource(t *testing.T) string {
	t.Helper()
	e.requireSandbox(t)
	return fmt.Sprintf(`resource "terraform_data" "secret" {
  input = %q
}

provider "livedesk" {
  base_url   = %q
  api_key    = terraform_data.secret.output
  api_secret = %q
}
`, sandbox.DefaultAPIKey, e.baseURL, sandbox.DefaultAPISecret)
}

func TestAccProviderSettingsKnownOnlyAtApplyPlanResources(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	config := env.providerFromResource(t) + fmt.Sprintf(`
resource "livedesk_conversation" "test" {
  inbox_id   = %q
  contact_id = %q
}

resource "livedesk_message" "test" {
  conversation_id = livedesk_conversation.test.id
  content         = "Sent once the key is known"
}
`, env.inboxID, env.contactID)
	resource.Test(t, env.testCase(resource.TestStep{
		Config: config,
		ConfigPlanChecks: withPlanChecks(
			plancheck.ExpectResourceAction("livedesk_conversation.test", plancheck.ResourceActionCreate),
			plancheck.ExpectResourceAction("livedesk_message.test", plancheck.ResourceActionCreate),
		),
		Check: func(*terraform.State) error {
			state := sb.Snapshot()
			if len(state.Conversations) != 1 || len(state.Messages) != 1 || state.Messages[0].Content != "Sent once the key is known" {
				return fmt.Errorf("the sandbox holds %d conversations and messages %+v, want one of each", len(state.Conversations), state.Messages)
			}
			return nil
		},
	}))
}

func TestAccProviderSettingsKnownOnlyAtApplyStopADataSourceClearly(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	resource.Test(t, env.testCase(resource.TestStep{
		Config: env.providerFromResource(t) + `
data "livedesk_ticket" "test" {
  id = "tk_20260101_000001"
}
`,
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`(?s)Cannot read the LiveDesk ticket.*No\s+request\s+was\s+sent:\s+the\s+provider\s+setting\s+api_key\s+depends\s+on\s+a\s+value\s+that\s+is\s+not\s+known\s+until\s+apply`),
	}))
	if got := sb.Snapshot().Requests; len(got) != 0 {
		t.Errorf("requests sent while the settings were unknown: %v", got)
	}
}

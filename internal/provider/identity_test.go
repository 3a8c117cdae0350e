package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// identityCLI runs a test only on CLIs that keep resource identities
// (Terraform 1.12+, OpenTofu 1.12+); older CLIs skip it.
var identityCLI = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)}

// noWritesSince is a plan check that fails if the sandbox received any
// request but a GET since *before was taken: planning an import must not
// write anything.
type noWritesSince struct {
	sb     *sandbox.Server
	before *map[string]int
}

// CheckPlan compares the sandbox's request counts with those taken before.
func (c noWritesSince) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for key, n := range c.sb.Snapshot().Requests {
		if !strings.HasPrefix(key, "GET ") && n != (*c.before)[key] {
			resp.Error = fmt.Errorf("the import sent %d × %s", n-(*c.before)[key], key)
			return
		}
	}
}

// TestAccIdentity_importByIdentity creates each resource, checks the
// identity Terraform stores for it, then imports it with an import block
// that names it by that identity: the plan imports it without writing
// anything to LiveDesk (contacts and tickets with no change; conversations
// and messages, which cannot be read back, adopt their configuration in
// place).
func TestAccIdentity_importByIdentity(t *testing.T) {
	for _, tc := range []struct {
		name, addr string
		config     func(env *accEnv) string
		identity   map[string]knownvalue.Check
		adopts     bool
	}{
		{
			name: "contact", addr: contactAddr,
			config: func(env *accEnv) string {
				return contactConfig(env, fmt.Sprintf("name = \"Identified\"\n  email = \"identified-%s@example.com\"", uniqueSuffix(t)))
			},
			identity: map[string]knownvalue.Check{"id": numericID},
		},
		{
			name: "conversation", addr: conversationAddr,
			config: func(env *accEnv) string {
				return conversationConfig(env, fmt.Sprintf("contact_id = %q", env.contactID))
			},
			identity: map[string]knownvalue.Check{"id": numericID},
			adopts:   true,
		},
		{
			name: "message", addr: "livedesk_message.test",
			config: func(env *accEnv) string {
				return conversationConfig(env, fmt.Sprintf("contact_id = %q", env.contactID)) + `
resource "livedesk_message" "test" {
  conversation_id = livedesk_conversation.test.id
  content         = "Named by its conversation and its id"
}`
			},
			identity: map[string]knownvalue.Check{"conversation_id": numericID, "id": numericID},
			adopts:   true,
		},
		{
			name: "ticket", addr: ticketAddr,
			config:   func(env *accEnv) string { return ticketConfig(env, `title = "Identified ticket"`) },
			identity: map[string]knownvalue.Check{"id": ticketIDValue},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := newAccEnv(t)
			sb := env.requireSandbox(t)
			config := tc.config(env)
			before := map[string]int{}
			checks := []plancheck.PlanCheck{noWritesSince{sb, &before}}
			if tc.adopts {
				checks = append(checks, plancheck.ExpectResourceAction(tc.addr, plancheck.ResourceActionUpdate))
			}
			resource.ParallelTest(t, resource.TestCase{
				TerraformVersionChecks:   identityCLI,
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:            config,
						ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity(tc.addr, tc.identity)},
						ConfigPlanChecks:  emptyPlanAfterApply,
					},
					{
						PreConfig:          func() { before = sb.Snapshot().Requests },
						Config:             config,
						ResourceName:       tc.addr,
						ImportState:        true,
						ImportStateKind:    resource.ImportBlockWithResourceIdentity,
						ExpectNonEmptyPlan: tc.adopts,
						ImportPlanChecks:   resource.ImportPlanChecks{PreApply: checks},
					},
				},
			})
		})
	}
}

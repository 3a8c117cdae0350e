package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// The files of a transcript element are identified by their bytes, as
// those of livedesk_message are: new bytes in an element already sent
// replace the conversation, and once sent, a file may be moved or deleted
// without blocking a plan or a destroy.

func TestAccTranscript_newFileBytesInASentElementReplaceTheConversation(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	file := filepath.Join(t.TempDir(), "invoice.txt")
	writeFile(t, file, []byte("invoice 42\n"))
	edited := []byte("invoice 42, corrected\n")
	config := transcriptConfig(env, "", `{ content = "Where is my invoice?", message_type = "incoming" }`,
		fmt.Sprintf(`{ content = "Here it is", files = [%q] }`, file))
	var firstID string
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config:           config,
			Check:            func(s *terraform.State) error { firstID = stateID(s, conversationAddr); return requestsAre(sb, 2) },
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			PreConfig:        func() { writeFile(t, file, edited) },
			Config:           config,
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionDestroyBeforeCreate)),
			Check: func(s *terraform.State) error {
				if id := stateID(s, conversationAddr); id == firstID {
					return fmt.Errorf("conversation %s kept; new bytes in a sent message must replace it", id)
				}
				got := conversationMessages(t, sb, s)
				if len(got) != 2 || len(got[1].Attachments) != 1 || got[1].Attachments[0].SHA256 != sha256Hex(edited) {
					return fmt.Errorf("the new conversation holds %+v, want both messages, the second with the new bytes", got)
				}
				return requestsAre(sb, 4)
			},
		},
	))
}

func TestAccTranscript_sentFileMovedOrDeletedBlocksNoPlanAndNoDestroy(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	dir := t.TempDir()
	file, moved := filepath.Join(dir, "invoice.txt"), filepath.Join(dir, "archive-invoice.txt")
	writeFile(t, file, []byte("invoice 42\n"))
	config := transcriptConfig(env, "", fmt.Sprintf(`{ content = "Here is the invoice", files = [%q] }`, file), `{ content = "Anything else?" }`)
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{Config: config, ConfigPlanChecks: emptyPlanAfterApply},
		resource.TestStep{
			// Moved away: the configured path names no file any more.
			PreConfig: func() {
				if err := os.Rename(file, moved); err != nil {
					t.Fatal(err)
				}
			},
			Config:           config,
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectEmptyPlan()),
		},
		resource.TestStep{
			// Deleted: the plan is still empty, and the destroy that ends
			// the test reads no file either.
			PreConfig: func() {
				if err := os.Remove(moved); err != nil {
					t.Fatal(err)
				}
			},
			Config:           config,
			ConfigPlanChecks: withPlanChecks(plancheck.ExpectEmptyPlan()),
			Check:            func(*terraform.State) error { return requestsAre(sb, 2) },
		},
	))
}

package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// badInput is a configuration that must be refused before any request.
type badInput struct {
	name   string
	config string // resources, after the provider block
	// provider replaces the provider block when set.
	provider string
	want     string // regexp the error must match (it names the attribute)
}

func TestAccBadInputIsRefusedAtPlanWithoutARequest(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	conversation := func(attrs string) string {
		return fmt.Sprintf("resource \"livedesk_conversation\" \"bad\" {\n%s\n}", attrs)
	}
	message := func(attrs string) string {
		return fmt.Sprintf("resource \"livedesk_message\" \"bad\" {\n%s\n}", attrs)
	}
	contact := func(attrs string) string {
		return fmt.Sprintf("resource \"livedesk_contact\" \"bad\" {\ninbox_id = \"1\"\n%s\n}", attrs)
	}
	sandboxProvider := func(attrs string) string {
		return fmt.Sprintf(`provider "livedesk" {
  api_key    = "sandbox-key"
  api_secret = "sandbox-secret"
  %s
}`, attrs)
	}
	okConversation := conversation(`inbox_id = "1"` + "\n" + `contact_id = "1"`)
	cases := []badInput{
		{"neither contact_id nor source_id", conversation(`inbox_id = "1"`), "", `(?s)contact_id.*source_id`},
		{"inbox_id not a number", conversation(`inbox_id = "inbox-1"` + "\n" + `contact_id = "1"`), "", `(?s)inbox_id.*positive whole number`},
		{"inbox_id zero", conversation(`inbox_id = "0"` + "\n" + `contact_id = "1"`), "", `(?s)inbox_id.*positive whole number`},
		{"contact_id negative", conversation(`inbox_id = "1"` + "\n" + `contact_id = "-5"`), "", `(?s)contact_id.*positive whole number`},
		{"inbox_id with a sign", conversation(`inbox_id = "+407"` + "\n" + `contact_id = "1"`), "", `(?s)inbox_id.*positive whole number`},
		{"inbox_id with a leading zero", conversation(`inbox_id = "0407"` + "\n" + `contact_id = "1"`), "", `(?s)inbox_id.*positive whole number`},
		{"contact_id fractional", conversation(`inbox_id = "1"` + "\n" + `contact_id = "1.5"`), "", `(?s)contact_id.*positive whole number`},
		{"status outside the allowed values", conversation(`inbox_id = "1"` + "\n" + `contact_id = "1"` + "\n" + `status = "closed"`), "", `(?s)status.*open.*resolved.*pending.*snoozed`},
		{"conversation_id not a number", message(`conversation_id = "abc"` + "\n" + `content = "hi"`), "", `(?s)conversation_id.*positive whole number`},
		{"in_reply_to zero", message(`conversation_id = "1"` + "\n" + `content = "hi"` + "\n" + `in_reply_to = "0"`), "", `(?s)in_reply_to.*positive whole number`},
		{"empty content", message(`conversation_id = "1"` + "\n" + `content = ""`), "", `(?s)content.*must not be empty`},
		{"blank content", message(`conversation_id = "1"` + "\n" + `content = "  \n "`), "", `(?s)content.*must not be empty`},
		{"missing file", message(fmt.Sprintf(`conversation_id = "1"`+"\n"+`content = "hi"`+"\n"+`files = [%q]`, filepath.Join(dir, "nope.png"))), "", `(?s)files.*no file at`},
		{"directory as file", message(fmt.Sprintf(`conversation_id = "1"`+"\n"+`content = "hi"`+"\n"+`files = [%q]`, dir)), "", `(?s)files.*is a directory`},
		{"special file as file", message(fmt.Sprintf(`conversation_id = "1"`+"\n"+`content = "hi"`+"\n"+`files = [%q]`, fifo)), "", `(?s)files.*not a regular file`},
		{"base_url not http(s)", okConversation, sandboxProvider(`base_url = "ftp://livedesk.example"`), `(?s)base_url.*not an http\(s\) URL`},
		{"base_url without scheme", okConversation, sandboxProvider(`base_url = "livedesk-api.engagelab.com"`), `(?s)base_url.*not an http\(s\) URL`},
		{"negative max_retries", okConversation, sandboxProvider(`max_retries = -1`), `(?s)max_retries is -1; it must be a whole number from 0 to 10`},
		{"fractional max_retries", okConversation, sandboxProvider(`max_retries = 1.5`), `(?s)max_retries is 1.5; it must be a whole number from 0 to 10`},
		{"max_retries above the range", okConversation, sandboxProvider(`max_retries = 11`), `(?s)max_retries is 11; it must be a whole number from 0 to 10`},
		{"unparsable request_timeout", okConversation, sandboxProvider(`request_timeout = "thirty seconds"`), `(?s)request_timeout.*not a duration`},
		{"zero request_timeout", okConversation, sandboxProvider(`request_timeout = "0s"`), `(?s)request_timeout.*out of range.*from 1s to 10m`},
		{"request_timeout above the range", okConversation, sandboxProvider(`request_timeout = "1h"`), `(?s)request_timeout.*out of range.*from 1s to 10m`},
		{"base_url with a query", okConversation, sandboxProvider(`base_url = "https://livedesk.example/?token=t0k3n"`), `(?s)base_url.*token=xxxxx.*has a query`},
		{"base_url with a fragment", okConversation, sandboxProvider(`base_url = "https://livedesk.example/#part"`), `(?s)base_url.*#xxxxx.*has a fragment`},
		{"empty api_key", okConversation, "provider \"livedesk\" {\n  api_key = \"\"\n}", `(?s)api_key is empty in the provider block.*LIVEDESK_API_KEY`},
		{"empty api_secret", okConversation, "provider \"livedesk\" {\n  api_secret = \"\"\n}", `(?s)api_secret is empty in the provider block.*LIVEDESK_API_SECRET`},
		{"message with files = [] and no content", message(`conversation_id = "1"` + "\n" + `files = []`), "", `(?s)needs content or files`},
		{"transcript element with files = [] and no content", conversation(`inbox_id = "1"` + "\n" + `contact_id = "1"` + "\n" + `messages = [{ content = "hi" }, { files = [] }]`), "",
			`(?s)needs content or files`},
		{"content of no-break spaces", message(`conversation_id = "1"` + "\n" + `content = "\u00a0\u00a0"`), "", `(?s)content.*must not be empty`},
		{"content of a zero-width space", message(`conversation_id = "1"` + "\n" + `content = "\u200b"`), "", `(?s)content.*must not be empty`},
		{"transcript content of a zero-width joiner and a BOM", conversation(`inbox_id = "1"` + "\n" + `contact_id = "1"` + "\n" + `messages = [{ content = "\u200d\ufeff" }]`), "",
			`(?s)messages\[0\].content.*must not be empty`},
		{"empty base_url", okConversation, "provider \"livedesk\" {\n  base_url = \"\"\n}", `(?s)base_url.*not an http\(s\) URL`},
		{"base_url with leading spaces", okConversation, sandboxProvider(`base_url = "  https://livedesk.example"`), `(?s)base_url.*has white space before or after the URL`},
		{"content of Braille blanks", message(`conversation_id = "1"` + "\n" + `content = "\u2800\u2800"`), "", `(?s)content.*must not be empty`},
		{"email without a dot in its domain", contact(`email = "a@b"`), "", `(?s)email.*domain with a dot`},
		{"fractional reply_to", conversation(`inbox_id = "1"` + "\n" + `contact_id = "1"` + "\n" + `messages = [{ content = "a" }, { content = "b", reply_to = 0.5 }]`), "",
			`messages\[1\].reply_to = 0.5 is not a whole number`},
		{"fractional max_parallel", `resource "livedesk_conversations" "bad" {
  inbox_id      = "1"
  max_parallel  = 1.5
  conversations = { a = { contact_id = "1" } }
}`, "", `max_parallel = 1.5 is not a whole number`},
	}
	if os.Geteuid() != 0 {
		// root reads any file, so a permission-denied file exists only for
		// other users.
		locked := filepath.Join(dir, "locked.txt")
		writeFile(t, locked, []byte("secret"))
		if err := os.Chmod(locked, 0); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, badInput{"unreadable file", message(fmt.Sprintf(`conversation_id = "1"`+"\n"+`content = "hi"`+"\n"+`files = [%q]`, locked)), "", `(?s)files.*cannot read`})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			providerBlock := env.provider
			if tc.provider != "" {
				providerBlock = tc.provider
			}
			resource.Test(t, env.testCase(resource.TestStep{
				Config:   providerBlock + "\n" + tc.config,
				PlanOnly: true,
				// Terraform wraps long messages, so any space may be a line break.
				ExpectError: regexp.MustCompile(strings.ReplaceAll(tc.want, " ", `\s+`)),
			}))
		})
	}
	if got := sb.Snapshot().Requests; len(got) != 0 {
		t.Errorf("bad input reached the API: %v", got)
	}
}

func TestAccMissingCredentialsNameAttributesAndEnvVars(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	t.Setenv(EnvAPIKey, "")
	t.Setenv(EnvAPISecret, "")
	resource.Test(t, env.testCase(resource.TestStep{
		Config:      `provider "livedesk" {}` + "\n" + `resource "livedesk_conversation" "x" {` + "\n" + `inbox_id = "1"` + "\n" + `contact_id = "1"` + "\n}",
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`(?s)Missing LiveDesk API key.*api_key.*LIVEDESK_API_KEY.*Missing LiveDesk API secret.*api_secret.*LIVEDESK_API_SECRET|(?s)Missing LiveDesk API secret.*Missing LiveDesk API key`),
	}))
	if got := sb.Snapshot().Requests; len(got) != 0 {
		t.Errorf("requests sent without credentials: %v", got)
	}
}

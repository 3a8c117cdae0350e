package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// safetyStatement is the one statement of what reaches customers. The
// README, the provider page, every page that sends or resolves and the
// guides carry it in these words, as a callout.
const safetyStatement = "**What reaches customers.** Every message an apply sends is in its plan, and is sent during that apply: " +
	"an outgoing message that is not private goes through the inbox's channel (an API channel posts it to its webhook) to the customer, " +
	"and an incoming one, written as the customer, can trigger the inbox's automations. LiveDesk deletes nothing: sent messages stay, " +
	"and `terraform destroy` forgets contacts, messages and tickets and resolves conversations (unless `resolve_on_destroy = false`). " +
	"Resolving a conversation, by destroy, by a replacement or with `status = \"resolved\"`, can make a Chatwoot-based inbox send the " +
	"customer a satisfaction (CSAT) survey or fire automations. A change that replaces a conversation opens a new one and sends its " +
	"whole transcript again. Try a configuration on a test inbox first."

// safetyStatementPages must carry the statement.
var safetyStatementPages = []string{
	"README.md",
	"templates/index.md.tmpl",
	"templates/resources/conversation.md.tmpl",
	"templates/resources/conversations.md.tmpl",
	"templates/resources/message.md.tmpl",
	"templates/actions/send_message.md.tmpl",
	"templates/actions/set_conversation_status.md.tmpl",
	"templates/guides/get-started.md.tmpl",
	"templates/guides/seed-from-a-data-file.md.tmpl",
	"templates/guides/seeding-conversations.md.tmpl",
}

// callouts returns the paragraphs of a Markdown file that open with the
// statement's lead, without their callout markers (GitHub's "> [!WARNING]"
// and "> ", the Registry's "!> ") and with their lines joined.
func callouts(text string) []string {
	var found []string
	for _, para := range strings.Split(text, "\n\n") {
		var lines []string
		for _, line := range strings.Split(para, "\n") {
			line = strings.TrimSpace(line)
			if line == "> [!WARNING]" {
				continue
			}
			line = strings.TrimPrefix(strings.TrimPrefix(line, "!>"), ">")
			lines = append(lines, strings.TrimSpace(line))
		}
		joined := strings.Join(lines, " ")
		if strings.Contains(joined, "**What reaches customers.**") {
			found = append(found, joined)
		}
	}
	return found
}

func TestSafetyStatementIsTheSameEverywhere(t *testing.T) {
	required := map[string]bool{}
	for _, page := range safetyStatementPages {
		required[page] = true
	}
	var pages []string
	for _, pattern := range []string{"*.md", "templates/*.tmpl", "templates/*/*.tmpl", "docs/*.md", "docs/*/*.md"} {
		matches, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, matches...)
	}
	for _, page := range pages {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		found := callouts(string(data))
		if required[page] && len(found) == 0 {
			t.Errorf("%s does not carry the safety statement", page)
		}
		for _, got := range found {
			if got != safetyStatement {
				t.Errorf("%s words the safety statement differently:\n  %s\nwant:\n  %s", page, got, safetyStatement)
			}
		}
		delete(required, page)
	}
	for page := range required {
		t.Errorf("%s is missing", page)
	}
}

// The README's configuration is the get-started example's, block by
// block, so that what a newcomer copies applies (the e2e tests apply that
// example).
func TestReadmeConfigurationIsTheGetStartedExample(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("examples/guides/get-started/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)\n( *)```hcl\n(.*?)\n *```").FindAllStringSubmatch(string(readme), -1)
	if len(blocks) == 0 {
		t.Fatal("the README has no HCL configuration")
	}
	for _, b := range blocks {
		var lines []string
		for _, line := range strings.Split(b[2], "\n") {
			lines = append(lines, strings.TrimPrefix(line, b[1]))
		}
		for _, excerpt := range strings.Split(strings.Join(lines, "\n"), "\n\n") {
			if !strings.Contains(string(example), excerpt) {
				t.Errorf("the README shows configuration that examples/guides/get-started/main.tf does not hold:\n%s", excerpt)
			}
		}
	}
	for _, file := range regexp.MustCompile(`\$\{path\.module\}/([^"]+)"`).FindAllStringSubmatch(string(readme), -1) {
		if _, err := os.Stat(filepath.Join("examples/guides/get-started", file[1])); err != nil {
			t.Errorf("the README attaches %s, which the example does not have: %v", file[1], err)
		}
	}
}

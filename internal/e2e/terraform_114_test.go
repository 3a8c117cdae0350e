package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// requireTerraform skips a test unless the CLI is Terraform (not OpenTofu)
// at version major.minor or later: actions (`-invoke`) and `terraform
// query` came with Terraform 1.14.
func requireTerraform(t *testing.T, s *stack, major, minor int) {
	t.Helper()
	res := s.run(t, "version", "-json")
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &v); err != nil {
		t.Fatalf("reading %s version -json: %v\n%s", cliPath, err, res.Output())
	}
	if plain := s.run(t, "version"); strings.Contains(plain.Stdout, "OpenTofu") {
		t.Skipf("needs Terraform %d.%d or later; OpenTofu %s has no actions or terraform query", major, minor, v.Version)
	}
	var gotMajor, gotMinor int
	if _, err := fmt.Sscanf(v.Version, "%d.%d", &gotMajor, &gotMinor); err != nil {
		t.Fatalf("reading the version %q: %v", v.Version, err)
	}
	if gotMajor < major || gotMajor == major && gotMinor < minor {
		t.Skipf("needs Terraform %d.%d or later; this is %s", major, minor, v.Version)
	}
}

// TestInvokeSendMessage runs `terraform apply -invoke` on a
// livedesk_send_message action: each invocation sends exactly one message,
// the CLI shows the action's progress (what was sent, the new message id),
// and no state is written.
func TestInvokeSendMessage(t *testing.T) {
	s := newStack(t, sandbox.Options{}, 0, nil)
	requireTerraform(t, s, 1, 14)
	conv, err := s.server.AddConversation(sandbox.ConversationInput{ContactID: s.contactID})
	if err != nil {
		t.Fatal(err)
	}
	s.writeConfig(t, defaultCredentials, fmt.Sprintf(`action "livedesk_send_message" "hello" {
  config {
    conversation_id = "%d"
    content         = "Hello from the release pipeline"
  }
}

action "livedesk_set_conversation_status" "resolve" {
  config {
    conversation_ids = ["%d"]
    status           = "resolved"
  }
}
`, conv.ID, conv.ID))
	for want := 1; want <= 2; want++ {
		res := s.run(t, applyArgs("-invoke=action.livedesk_send_message.hello")...)
		if res.ExitCode != 0 {
			t.Fatalf("apply -invoke exited %d:\n%s", res.ExitCode, tail(res.Output()))
		}
		st := s.server.Snapshot()
		if n := st.Requests[postMessages]; n != want {
			t.Fatalf("after %d invocations the sandbox received %d message sends", want, n)
		}
		last := st.Messages[len(st.Messages)-1]
		if last.Content != "Hello from the release pipeline" || last.ConversationID != conv.ID {
			t.Fatalf("the sandbox received %+v", last)
		}
		progress := fmt.Sprintf(`Sent message "Hello from the release pipeline" to conversation %d as message %d`, conv.ID, last.ID)
		if !strings.Contains(res.Output(), progress) {
			t.Errorf("the output does not show the progress %q:\n%s", progress, tail(res.Output()))
		}
	}
	res := s.run(t, applyArgs("-invoke=action.livedesk_set_conversation_status.resolve")...)
	if res.ExitCode != 0 {
		t.Fatalf("apply -invoke exited %d:\n%s", res.ExitCode, tail(res.Output()))
	}
	st := s.server.Snapshot()
	if st.Conversations[0].Status != "resolved" || st.Requests["POST /api/v2/accounts/conversations/{id}/toggle_status"] != 1 {
		t.Errorf("conversation %d is %s after %d toggle_status requests, want resolved after one", conv.ID, st.Conversations[0].Status,
			st.Requests["POST /api/v2/accounts/conversations/{id}/toggle_status"])
	}
	if want := fmt.Sprintf("Conversation %d is now resolved", conv.ID); !strings.Contains(res.Output(), want) {
		t.Errorf("the output does not show %q:\n%s", want, tail(res.Output()))
	}
	if ids := s.stateIDs(t); len(ids) != 0 {
		t.Errorf("invoking actions left %v in the state", ids)
	}
}

// TestQueryGenerateConfigImportsContacts brings an inbox's contacts under
// Terraform the way the guide does: `terraform query -generate-config-out`
// writes import blocks and configuration; applying them imports every
// listed contact without one write request to LiveDesk, and the plan after
// that is empty.
func TestQueryGenerateConfigImportsContacts(t *testing.T) {
	s := newStack(t, sandbox.Options{}, 0, nil)
	requireTerraform(t, s, 1, 14)
	const contacts = 20
	for i := range contacts {
		in := sandbox.ContactInput{Name: fmt.Sprintf("Customer %02d", i), Email: fmt.Sprintf("customer%02d@example.com", i)}
		if i%2 == 0 {
			in.Identifier = fmt.Sprintf("crm-%d", i)
			in.PhoneNumber = fmt.Sprintf("+6591%06d", i)
			in.CustomAttributes = map[string]string{"tier": "gold"}
		}
		if _, err := s.server.AddContact(in); err != nil {
			t.Fatal(err)
		}
	}
	// The stack's own contact, "E2E Customer", matches the search too.
	const listed = contacts + 1
	s.writeConfig(t, defaultCredentials, "")
	if err := s.ws.WriteFile("contacts.tfquery.hcl", `list "livedesk_contact" "inbox" {
  provider         = livedesk
  include_resource = true
  config {
    query = "customer"
  }
}
`); err != nil {
		t.Fatal(err)
	}
	res := s.run(t, "query", "-no-color", "-generate-config-out=contacts.tf")
	if res.ExitCode != 0 {
		t.Fatalf("terraform query exited %d:\n%s", res.ExitCode, tail(res.Output()))
	}
	generated, err := os.ReadFile(filepath.Join(s.ws.Dir, "contacts.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(regexp.MustCompile(`(?m)^import \{`).FindAll(generated, -1)); n != listed {
		t.Fatalf("contacts.tf holds %d import blocks, want %d:\n%s", n, listed, generated)
	}
	before := s.server.Snapshot().Requests
	s.apply(t)
	for key, n := range s.server.Snapshot().Requests {
		if !strings.HasPrefix(key, "GET ") && n != before[key] {
			t.Errorf("applying the generated configuration sent %d × %s", n-before[key], key)
		}
	}
	state, err := s.ws.State(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	imported := 0
	for _, r := range state.Values.RootModule.Resources {
		if r.Type == "livedesk_contact" {
			imported++
		}
	}
	if imported != listed {
		t.Errorf("the state holds %d contacts, want %d", imported, listed)
	}
	plan := s.run(t, "plan", "-detailed-exitcode", "-no-color", "-input=false")
	if plan.ExitCode != 0 {
		t.Errorf("the plan after the import is not empty (exit %d):\n%s", plan.ExitCode, tail(plan.Output()))
	}
}

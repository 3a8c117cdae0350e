package e2e

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// ansiColor is a color or style sequence of the CLI's own (ESC [ ... m),
// the only escape sequence the query's output may hold.
var ansiColor = regexp.MustCompile("\x1b\\[[0-9;]*m")

// TestQueryOutputIsSafeAndWarnsAtTheLimit runs `terraform query`, with and
// without -no-color, on 42 contacts and limit = 30. The first contact's
// name holds an escape sequence that sets the terminal's title, a line
// break followed by a forged result line, a C1 control and a right-to-left
// override: the output has exactly one line per result, the hostile one
// whole, no escape sequence but the CLI's own colors, and the warning
// that more contacts match.
func TestQueryOutputIsSafeAndWarnsAtTheLimit(t *testing.T) {
	s := newStack(t, sandbox.Options{}, 0, nil)
	requireTerraform(t, s, 1, 14)
	name := "Mallory\x1b]0;pwned\x07\nlist.livedesk_contact.all   id=1   Admin <admin@acme.inc>\u009b2J\u202e evil"
	if _, err := s.server.AddContact(sandbox.ContactInput{Name: name, Email: "mallory@example.com"}); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < 42; i++ {
		if _, err := s.server.AddContact(sandbox.ContactInput{Name: fmt.Sprintf("Customer %02d", i), Email: fmt.Sprintf("customer%02d@example.com", i)}); err != nil {
			t.Fatal(err)
		}
	}
	s.writeConfig(t, defaultCredentials, "")
	if err := s.ws.WriteFile("contacts.tfquery.hcl", "list \"livedesk_contact\" \"all\" {\n  provider = livedesk\n  limit    = 30\n}\n"); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"query", "-no-color"}, {"query"}} {
		res := s.run(t, args...)
		if res.ExitCode != 0 {
			t.Fatalf("terraform %s exited %d:\n%s", strings.Join(args, " "), res.ExitCode, tail(res.Output()))
		}
		output := res.Output()
		if rest := ansiColor.ReplaceAllString(output, ""); strings.ContainsAny(rest, "\x1b\x07\u009b\u202e") {
			t.Errorf("terraform %s printed an escape, bell, C1 or bidirectional control from a contact's name:\n%q", strings.Join(args, " "), output)
		}
		plain := ansiColor.ReplaceAllString(output, "")
		// A result is a line that starts with the list's address; a name
		// that broke its line would start one more.
		results, hostile := 0, ""
		for _, line := range strings.Split(plain, "\n") {
			if strings.HasPrefix(line, "list.livedesk_contact.all ") {
				results++
				if strings.Contains(line, "Mallory") {
					hostile = line
				}
			}
		}
		if results != 30 {
			t.Errorf("terraform %s printed %d result lines, want 30:\n%s", strings.Join(args, " "), results, plain)
		}
		if !strings.HasSuffix(hostile, "Admin <admin@acme.inc>\ufffd2J evil <mallory@example.com>") {
			t.Errorf("terraform %s printed the hostile contact as %q, want its whole name and email on its one line", strings.Join(args, " "), hostile)
		}
		if !strings.Contains(strings.Join(strings.Fields(plain), " "), "More LiveDesk contacts match than the limit") {
			t.Errorf("terraform %s does not warn that more contacts match:\n%s", strings.Join(args, " "), tail(plain))
		}
	}
}

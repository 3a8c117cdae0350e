package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// TestAccContactListResource_query lists contacts with terraform query:
// every page past 100 contacts, the default limit of 100, the filters of
// the data source (search, sort and direction, labels), empty results, and
// the whole resource when include_resource asks for it, and a hostile name
// shown as one safe line. Nothing but GET requests reach LiveDesk.
func TestAccContactListResource_query(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	const customers = 120
	ids := make([]string, customers)
	for i := range customers {
		c, err := sb.AddContact(sandbox.ContactInput{
			Name:  fmt.Sprintf("Customer %03d", i),
			Email: fmt.Sprintf("customer%03d@example.com", i),
		})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = strconv.FormatInt(c.ID, 10)
	}
	vip, err := sb.AddContact(sandbox.ContactInput{Name: "Vera Vip", Email: "vera@vip.example", Identifier: "crm-7",
		CustomAttributes: map[string]string{"tier": "gold"}})
	if err != nil {
		t.Fatal(err)
	}
	vipID := strconv.FormatInt(vip.ID, 10)
	mallory, err := sb.AddContact(sandbox.ContactInput{Name: hostileName, Email: "mallory@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	identity := func(id string) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{"id": knownvalue.StringExact(id)}
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   actionsCLI,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.provider},
			{
				Query: true,
				Config: `
list "livedesk_contact" "all" {
  provider = livedesk
  limit    = 500
}

list "livedesk_contact" "first" {
  provider = livedesk
}

list "livedesk_contact" "last_by_name" {
  provider = livedesk
  limit    = 1
  config {
    sort      = "name"
    direction = "desc"
  }
}

list "livedesk_contact" "vip" {
  provider         = livedesk
  include_resource = true
  config {
    query = "vip"
  }
}

list "livedesk_contact" "labelled" {
  provider = livedesk
  config {
    labels = ["churned"]
  }
}

list "livedesk_contact" "hostile" {
  provider = livedesk
  config {
    query = "mallory"
  }
}

list "livedesk_contact" "nobody" {
  provider = livedesk
  config {
    query = "no such contact"
  }
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("livedesk_contact.all", customers+2),
					querycheck.ExpectIdentity("livedesk_contact.all", identity(ids[0])),
					querycheck.ExpectIdentity("livedesk_contact.all", identity(ids[customers-1])),
					querycheck.ExpectLength("livedesk_contact.first", 100),
					querycheck.ExpectIdentity("livedesk_contact.first", identity(ids[99])),
					querycheck.ExpectLength("livedesk_contact.last_by_name", 1),
					querycheck.ExpectIdentity("livedesk_contact.last_by_name", identity(vipID)),
					querycheck.ExpectLength("livedesk_contact.vip", 1),
					querycheck.ExpectResourceDisplayName("livedesk_contact.vip", queryfilter.ByResourceIdentity(identity(vipID)),
						knownvalue.StringExact("Vera Vip <vera@vip.example>")),
					querycheck.ExpectResourceKnownValues("livedesk_contact.vip", queryfilter.ByResourceIdentity(identity(vipID)), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("inbox_id"), KnownValue: knownvalue.StringExact(env.inboxID)},
						{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("Vera Vip")},
						{Path: tfjsonpath.New("email"), KnownValue: knownvalue.StringExact("vera@vip.example")},
						{Path: tfjsonpath.New("identifier"), KnownValue: knownvalue.StringExact("crm-7")},
						{Path: tfjsonpath.New("custom_attributes"), KnownValue: knownvalue.MapExact(map[string]knownvalue.Check{"tier": knownvalue.StringExact("gold")})},
					}),
					querycheck.ExpectResourceDisplayName("livedesk_contact.hostile", queryfilter.ByResourceIdentity(identity(strconv.FormatInt(mallory.ID, 10))),
						knownvalue.StringExact(hostileDisplayName)),
					querycheck.ExpectLength("livedesk_contact.labelled", 0),
					querycheck.ExpectLength("livedesk_contact.nobody", 0),
				},
			},
		},
	})
	for key := range sb.Snapshot().Requests {
		if !strings.HasPrefix(key, "GET ") {
			t.Errorf("terraform query sent %s", key)
		}
	}
}

// hostileName is a contact name written to take over a terminal that
// prints it: an escape sequence that sets the window title (OSC 0), a
// line break followed by a forged result line, a C1 control (CSI), and a
// right-to-left override that would reverse what follows it.
const hostileName = "Mallory\x1b]0;pwned\x07\nlist.livedesk_contact.all   id=1   Admin <admin@acme.inc>\u009b2J\u202e evil"

// hostileDisplayName is what the results show of a contact named
// hostileName with the email mallory@example.com.
const hostileDisplayName = "Mallory\ufffd]0;pwned\ufffd list.livedesk_contact.all id=1 Admin <admin@acme.inc>\ufffd2J evil <mallory@example.com>"

func TestContactDisplayNameIsOneSafeLine(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		contact livedesk.Contact
		want    string
	}{
		{livedesk.Contact{ID: 7, Name: "Vera Vip", Email: "vera@vip.example"}, "Vera Vip <vera@vip.example>"},
		{livedesk.Contact{ID: 7, Name: "Vera Vip", Identifier: "crm-7"}, "Vera Vip <crm-7>"},
		{livedesk.Contact{ID: 7, Email: "vera@vip.example"}, "vera@vip.example"},
		{livedesk.Contact{ID: 7, Name: hostileName, Email: "mallory@example.com"}, hostileDisplayName},
		{livedesk.Contact{ID: 7, Name: "Line\r\nbreaks\u2028and\u0085tabs\there", Identifier: "id\nforged"}, "Line breaks and tabs here <id forged>"},
		{livedesk.Contact{ID: 7, Name: "\u202eMallory\u2066 2\u2069#\u200f"}, "Mallory 2#"},
		{livedesk.Contact{ID: 7, Name: " \n\t\u202e ", Email: "\x1b"}, "\ufffd"},
		{livedesk.Contact{ID: 7, Name: " \n\u202e "}, "contact 7"},
	} {
		got := contactDisplayName(&tc.contact)
		if got != tc.want {
			t.Errorf("contactDisplayName(%q, %q, %q) = %q, want %q", tc.contact.Name, tc.contact.Email, tc.contact.Identifier, got, tc.want)
		}
		for _, r := range got {
			if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || (unicode.IsSpace(r) && r != ' ') {
				t.Errorf("contactDisplayName(%q) = %q holds %U", tc.contact.Name, got, r)
			}
		}
	}
}

// terraformListEvents is how Terraform (1.14 and 1.15) reads a list
// resource's stream: it stops as soon as it holds limit results, and an
// event with a warning and no identity adds the warning without being a
// result. It returns the display names of the results and the warnings.
func terraformListEvents(t *testing.T, stream *tfprotov6.ListResourceServerStream, limit int) (names, warnings []string) {
	t.Helper()
	for event := range stream.Results {
		if len(names) >= limit {
			break
		}
		for _, d := range event.Diagnostics {
			if d.Severity == tfprotov6.DiagnosticSeverityError {
				t.Fatalf("list error: %s: %s", d.Summary, d.Detail)
			}
			warnings = append(warnings, d.Summary+": "+d.Detail)
		}
		if event.Identity == nil {
			continue
		}
		names = append(names, event.DisplayName)
	}
	return names, warnings
}

// TestContactListWarnsWhenTheLimitCutsItShort lists, over the plugin
// protocol as terraform query does, 42 matching contacts with limit = 30:
// Terraform receives 30 results and the promised warning that more match,
// and each display name is one safe line.
func TestContactListWarnsWhenTheLimitCutsItShort(t *testing.T) {
	t.Parallel()
	inst, err := sandbox.Start("127.0.0.1:0", sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = inst.Close() })
	if _, err := inst.Server.AddContact(sandbox.ContactInput{Name: hostileName, Email: "mallory@example.com"}); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < 42; i++ {
		if _, err := inst.Server.AddContact(sandbox.ContactInput{Name: fmt.Sprintf("Customer %02d", i), Email: fmt.Sprintf("customer%02d@example.com", i)}); err != nil {
			t.Fatal(err)
		}
	}
	p := newProtocolProvider(t)
	p.configure(t, inst.URL, sandbox.DefaultAPIKey, sandbox.DefaultAPISecret)
	listConfig := objectValue(t, p.schemas.ListResourceSchemas["livedesk_contact"].ValueType(), nil)
	const limit = 30
	lister, ok := p.server.(tfprotov6.ListResourceServer)
	if !ok {
		t.Fatalf("the provider server %T does not serve list resources", p.server)
	}
	stream, err := lister.ListResource(context.Background(), &tfprotov6.ListResourceRequest{TypeName: "livedesk_contact", Config: listConfig, Limit: limit})
	if err != nil {
		t.Fatal(err)
	}
	names, warnings := terraformListEvents(t, stream, limit)
	if len(names) != limit {
		t.Errorf("Terraform received %d results, want %d", len(names), limit)
	}
	want := "More LiveDesk contacts match than the limit: Only the first 30 contacts are listed; more match."
	if len(warnings) != 1 || !strings.HasPrefix(warnings[0], want) {
		t.Errorf("Terraform received the warnings %q, want one that starts %q", warnings, want)
	}
	if len(names) > 0 && names[0] != hostileDisplayName {
		t.Errorf("the first result shows %q, want %q", names[0], hostileDisplayName)
	}
}

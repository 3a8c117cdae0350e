package provider

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// TestAccContactListResource_query lists contacts with terraform query:
// every page past 100 contacts, the default limit of 100, the filters of
// the data source (search, sort and direction, labels), empty results, and
// the whole resource when include_resource asks for it. Nothing but GET
// requests reach LiveDesk.
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

list "livedesk_contact" "nobody" {
  provider = livedesk
  config {
    query = "no such contact"
  }
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("livedesk_contact.all", customers+1),
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

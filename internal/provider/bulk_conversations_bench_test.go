package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// bulkJSON is a livedesk_conversations value of n entries with an inline
// contact and m messages each, as a state records it (state set) or as
// the configuration writes it.
func bulkJSON(n, m int, state bool) string {
	known := func(v string) string {
		if state {
			return v
		}
		return "null"
	}
	var entries []string
	for i := range n {
		var msgs []string
		for j := range m {
			msgs = append(msgs, fmt.Sprintf(`{"content": "k%d message %d", "message_type": %s, "private": %s, "files": null, "reply_to": null, "in_reply_to": null,
				"id": %s, "files_sha256": null, "attachments": null}`, i, j, known(`"outgoing"`), known("false"),
				known(fmt.Sprintf(`"%d"`, 10000+i*m+j))))
		}
		entries = append(entries, fmt.Sprintf(`"k%d": {"contact_id": %s, "source_id": null, "status": %s, "snoozed_until": null, "id": %s, "uuid": %s,
			"contact": {"name": "K%d", "email": "k%d@example.test", "phone_number": null, "identifier": null, "custom_attributes": null, "id": %s, "source_id": %s},
			"messages": [%s]}`, i, known(fmt.Sprintf(`"%d"`, i+1)), known(`"open"`), known(fmt.Sprintf(`"%d"`, i+1)), known(`"u"`),
			i, i, known(fmt.Sprintf(`"%d"`, i+1)), known(`"s"`), strings.Join(msgs, ", ")))
	}
	return fmt.Sprintf(`{"id": %s, "inbox_id": "1", "max_parallel": %s, "resolve_on_destroy": %s, "conversations": {%s}}`,
		known(`"1"`), known("10"), known("true"), strings.Join(entries, ", "))
}

// BenchmarkBulkServerNoChangePlan1000x5 is the provider's side of a
// no-change plan of 1000 conversations of 5 messages with inline
// contacts: validation, then planning.
func BenchmarkBulkServerNoChangePlan1000x5(b *testing.B) {
	ctx := context.Background()
	s := testBulkServer(b, &configured{})
	value := func(text string) *tfprotov6.DynamicValue {
		dv, err := tfprotov6.NewDynamicValue(s.types.resource, jsonValue(b, s, text))
		if err != nil {
			b.Fatal(err)
		}
		return &dv
	}
	state, config := value(bulkJSON(1000, 5, true)), value(strings.Replace(bulkJSON(1000, 5, false), `"max_parallel": null`, `"max_parallel": 10`, 1))
	b.ResetTimer()
	for b.Loop() {
		if resp, _ := s.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: bulkTypeName, Config: config}); len(resp.Diagnostics) > 0 {
			b.Fatalf("%+v", resp.Diagnostics[0])
		}
		resp, _ := s.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: bulkTypeName, PriorState: state, ProposedNewState: config, Config: config})
		if len(resp.Diagnostics) > 0 {
			b.Fatalf("%+v", resp.Diagnostics[0])
		}
	}
}

// BenchmarkBulkServerUpgradeState300x5 is the provider's side of reading
// a stored state of 300 conversations of 5 messages with inline contacts,
// which Terraform asks for in every plan and refresh.
func BenchmarkBulkServerUpgradeState300x5(b *testing.B) {
	ctx := context.Background()
	s := testBulkServer(b, &configured{})
	raw := &tfprotov6.RawState{JSON: []byte(bulkJSON(300, 5, true))}
	for b.Loop() {
		resp, _ := s.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: bulkTypeName, Version: bulkSchemaVersion, RawState: raw})
		if len(resp.Diagnostics) > 0 {
			b.Fatalf("%+v", resp.Diagnostics[0])
		}
	}
}

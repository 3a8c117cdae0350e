package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/tfwire"
)

// frameworkState is a livedesk_conversations state as the framework
// version of the resource wrote it (schema version 0, with each
// conversation's and each message's created_at): defaults filled in, an
// inline contact and a message sent.
const frameworkState = `{
  "id": "1", "inbox_id": "1", "max_parallel": 8, "resolve_on_destroy": true,
  "conversations": {"alice": {
    "contact_id": "5", "source_id": null, "status": "open", "snoozed_until": null, "id": "7", "uuid": "u-7", "created_at": 1700000000,
    "contact": {"name": "alice", "email": "alice@example.test", "phone_number": null, "identifier": null, "custom_attributes": null, "id": "5", "source_id": "s-5"},
    "messages": [{"content": "hi", "message_type": "outgoing", "private": false, "files": null, "reply_to": null, "in_reply_to": null,
      "id": "9", "created_at": 1700000001, "files_sha256": null, "attachments": []}]
  }}
}`

// frameworkConfig is the configuration that state was applied from.
const frameworkConfig = `{
  "id": null, "inbox_id": "1", "max_parallel": null, "resolve_on_destroy": null,
  "conversations": {"alice": {
    "contact_id": null, "source_id": null, "status": null, "snoozed_until": null, "id": null, "uuid": null,
    "contact": {"name": "alice", "email": "alice@example.test", "phone_number": null, "identifier": null, "custom_attributes": null, "id": null, "source_id": null},
    "messages": [{"content": "hi", "message_type": null, "private": null, "files": null, "reply_to": null, "in_reply_to": null,
      "id": null, "files_sha256": null, "attachments": null}]
  }}
}`

// A state the framework wrote reads back, without the conversations' and
// messages' created_at that schema version 0 recorded, and with the configuration
// it was applied from plans no change: the schema's defaults are planned
// as the framework planned them.
func TestBulkServerPlansNoChangeForAStateTheFrameworkWrote(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := testBulkServer(t, &configured{})
	upgraded, err := s.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: bulkTypeName, Version: 0,
		RawState: &tfprotov6.RawState{JSON: []byte(frameworkState)}})
	if err != nil || len(upgraded.Diagnostics) > 0 {
		t.Fatalf("upgrade: %v %+v", err, upgraded.Diagnostics)
	}
	want := jsonValue(t, s, strings.NewReplacer(`"created_at": 1700000001, `, "", `, "created_at": 1700000000`, "").Replace(frameworkState))
	if got, err := upgraded.UpgradedState.Unmarshal(s.types.resource); err != nil || !got.Equal(want) {
		t.Fatalf("the upgraded state is %v (%v), want %v", got, err, want)
	}
	dv, err := tfprotov6.NewDynamicValue(s.types.resource, jsonValue(t, s, frameworkConfig))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := s.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: bulkTypeName, PriorState: upgraded.UpgradedState,
		ProposedNewState: &dv, Config: &dv})
	if err != nil || len(plan.Diagnostics) > 0 {
		t.Fatalf("plan: %v %+v", err, plan.Diagnostics)
	}
	prior, _ := upgraded.UpgradedState.Unmarshal(s.types.resource)
	planned, _ := plan.PlannedState.Unmarshal(s.types.resource)
	if diffs, _ := prior.Diff(planned); len(diffs) > 0 {
		var b strings.Builder
		for _, d := range diffs {
			b.WriteString(d.Path.String() + ": " + d.Value1.String() + " -> " + d.Value2.String() + "\n")
		}
		t.Errorf("the plan changes the state:\n%s", b.String())
	}
}

// A state of a schema version this provider does not know (written by a
// newer one) is refused with what to do, never read as this version.
func TestBulkServerRefusesAStateOfANewerSchema(t *testing.T) {
	t.Parallel()
	s := testBulkServer(t, &configured{})
	resp, err := s.UpgradeResourceState(context.Background(), &tfprotov6.UpgradeResourceStateRequest{TypeName: bulkTypeName, Version: bulkSchemaVersion + 1,
		RawState: &tfprotov6.RawState{JSON: []byte(frameworkState)}})
	if err != nil || len(resp.Diagnostics) != 1 || !strings.Contains(resp.Diagnostics[0].Detail, "Use the provider version that wrote it") || resp.UpgradedState != nil {
		t.Fatalf("upgrade of version %d: %v %+v", bulkSchemaVersion+1, err, resp)
	}
}

// The schema's validators, and those of its custom types, run on the
// configuration at the paths of the values they refuse.
func TestBulkServerValidatesWithTheSchemasValidators(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := testBulkServer(t, &configured{})
	bad := strings.NewReplacer(`"inbox_id": "1"`, `"inbox_id": "01"`, `"max_parallel": null`, `"max_parallel": 0`,
		`"status": null`, `"status": "closed"`, `"email": "alice@example.test"`, `"email": "not an email"`,
		`"files": null`, `"files": [""]`).Replace(frameworkConfig)
	dv, _ := tfprotov6.NewDynamicValue(s.types.resource, jsonValue(t, s, bad))
	resp, err := s.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: bulkTypeName, Config: &dv})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError && d.Attribute != nil {
			got[d.Attribute.String()] = true
		}
	}
	for _, want := range []string{
		`AttributeName("inbox_id")`,
		`AttributeName("max_parallel")`,
		`AttributeName("conversations").ElementKeyString("alice").AttributeName("status")`,
		`AttributeName("conversations").ElementKeyString("alice").AttributeName("contact").AttributeName("email")`,
		`AttributeName("conversations").ElementKeyString("alice").AttributeName("messages").ElementKeyInt(0).AttributeName("files").ElementKeyInt(0)`,
	} {
		if !got[want] {
			t.Errorf("no error at %s; errors at %v", want, got)
		}
	}
}

// TestBulkSchemaValidatorsAcceptNull: every validator of
// livedesk_conversations' schema, and of its custom types, passes a null
// value, which lets validateAttributes skip null values.
func TestBulkSchemaValidatorsAcceptNull(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	checked := 0
	var walk func(at path.Path, attributes map[string]schema.Attribute)
	walk = func(at path.Path, attributes map[string]schema.Attribute) {
		for name, a := range attributes {
			var diags diag.Diagnostics
			validateAttribute(ctx, at.AtName(name), a, tfwire.NullValue(), &diags)
			if len(diags) > 0 {
				t.Errorf("%s: a null value gives %v", at.AtName(name), diags)
			}
			checked++
			switch n := a.(type) {
			case schema.SingleNestedAttribute:
				walk(at.AtName(name), n.Attributes)
			case schema.ListNestedAttribute:
				walk(at.AtName(name).AtListIndex(0), n.NestedObject.Attributes)
			case schema.MapNestedAttribute:
				walk(at.AtName(name).AtMapKey("k"), n.NestedObject.Attributes)
			}
		}
	}
	walk(path.Empty(), conversationsSchema().Attributes)
	if checked < 30 {
		t.Fatalf("checked %d attributes: the walk does not reach the nested ones", checked)
	}
}

// testBulkServer is newBulkServer for a test.
func testBulkServer(t testing.TB, c *configured) *bulkServer {
	t.Helper()
	s, err := newBulkServer(c)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// jsonValue reads a value of the resource's type written as JSON, as
// Terraform writes states.
func jsonValue(t testing.TB, s *bulkServer, text string) tftypes.Value {
	t.Helper()
	v, err := (&tfprotov6.RawState{JSON: []byte(text)}).UnmarshalWithOpts(s.types.resource, tfprotov6.UnmarshalOpts{})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

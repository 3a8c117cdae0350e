package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// Terraform's rules for a plan and its apply, which the framework checked
// before livedesk_conversations left it: the plan keeps every value the
// configuration sets, and the apply returns every value the plan knew.
// Checked here on the server itself, against a sandbox, for a create and
// for an update that appends, renames a key and replaces an entry.
func TestBulkServerKeepsTerraformsPlanAndApplyRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sb := sandbox.New(sandbox.Options{})
	ts := httptest.NewServer(sb)
	t.Cleanup(ts.Close)
	existing, err := sb.AddContact(sandbox.ContactInput{Name: "Existing", Email: "existing@example.test"})
	if err != nil {
		t.Fatal(err)
	}
	client, err := livedesk.New(livedesk.Config{BaseURL: ts.URL, APIKey: sandbox.DefaultAPIKey, APISecret: sandbox.DefaultAPISecret, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	shared := &configured{}
	shared.set(&providerData{client: client})
	s := testBulkServer(t, shared)

	entry := func(key, contact string, messages ...string) string {
		contactID := "null"
		if contact == "" {
			contact, contactID = "null", fmt.Sprintf(`"%d"`, existing.ID)
		}
		var msgs []string
		for _, m := range messages {
			msgs = append(msgs, fmt.Sprintf(`{"content": %q, "message_type": %s, "private": null, "files": null, "reply_to": null, "in_reply_to": null,
				"id": null, "files_sha256": null, "attachments": null}`, m, map[bool]string{true: `"incoming"`, false: "null"}[strings.HasPrefix(m, "in:")]))
		}
		return fmt.Sprintf(`%q: {"contact_id": %s, "source_id": null, "status": %s, "snoozed_until": null, "id": null, "uuid": null,
			"contact": %s, "messages": [%s]}`, key, contactID, map[bool]string{true: `"resolved"`, false: "null"}[key == "carol"], contact, strings.Join(msgs, ", "))
	}
	inline := func(name string) string {
		return fmt.Sprintf(`{"name": %q, "email": "%s@example.test", "phone_number": null, "identifier": null, "custom_attributes": {"plan": "pro"}, "id": null, "source_id": null}`,
			name, strings.ToLower(name))
	}
	configOf := func(entries ...string) tftypes.Value {
		return jsonValue(t, s, `{"id": null, "inbox_id": "1", "max_parallel": 2, "resolve_on_destroy": null, "conversations": {`+
			strings.Join(entries, ", ")+`}}`)
	}
	dynamic := func(v tftypes.Value) *tfprotov6.DynamicValue {
		dv, err := tfprotov6.NewDynamicValue(s.types.resource, v)
		if err != nil {
			t.Fatal(err)
		}
		return &dv
	}
	step := func(prior, config tftypes.Value) tftypes.Value {
		t.Helper()
		plan, err := s.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: bulkTypeName, PriorState: dynamic(prior),
			ProposedNewState: dynamic(config), Config: dynamic(config)})
		requireNoErrors(t, "plan", err, plan.Diagnostics)
		planned, _ := plan.PlannedState.Unmarshal(s.types.resource)
		requireSubset(t, "the configuration", config, "the plan", planned)
		applied, err := s.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: bulkTypeName, PriorState: dynamic(prior),
			PlannedState: plan.PlannedState, Config: dynamic(config), PlannedPrivate: plan.PlannedPrivate})
		requireNoErrors(t, "apply", err, applied.Diagnostics)
		state, _ := applied.NewState.Unmarshal(s.types.resource)
		requireSubset(t, "the plan", planned, "the applied state", state)
		if !state.IsFullyKnown() {
			t.Fatal("the applied state holds unknown values")
		}
		return state
	}

	created := step(tftypes.NewValue(s.types.resource, nil), configOf(entry("alice", inline("Alice"), "hi", "in:hello"),
		entry("bob", "", "one"), entry("carol", inline("Carol"), "in:question", "answer")))
	step(created, configOf(entry("alicia", inline("Alice"), "hi", "in:hello", "appended"),
		entry("bob", "", "one, edited"), entry("carol", inline("Carol"), "in:question", "answer", "in:again")))
}

// requireNoErrors fails on an RPC error or an error diagnostic.
func requireNoErrors(t *testing.T, rpc string, err error, diags []*tfprotov6.Diagnostic) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", rpc, err)
	}
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("%s: %s: %s", rpc, d.Summary, d.Detail)
		}
	}
}

// requireSubset fails unless every known, non-null primitive value of a
// is the same in b, at the same path.
func requireSubset(t *testing.T, aName string, a tftypes.Value, bName string, b tftypes.Value) {
	t.Helper()
	_ = tftypes.Walk(a, func(p *tftypes.AttributePath, v tftypes.Value) (bool, error) {
		if !v.IsKnown() || v.IsNull() || !v.Type().Is(tftypes.String) && !v.Type().Is(tftypes.Number) && !v.Type().Is(tftypes.Bool) {
			return true, nil
		}
		got, _, err := tftypes.WalkAttributePath(b, p)
		if other, ok := got.(tftypes.Value); err != nil || !ok || !other.Equal(v) {
			t.Errorf("%s has %s at %s, %s has %v (%v)", aName, v, p, bName, got, err)
		}
		return true, nil
	})
}

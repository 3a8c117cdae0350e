package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// Terraform shows warnings but terraform-plugin-testing cannot assert
// them, so these tests call the provider's methods directly.

// warningsOf returns the summaries and details of the warnings in diags.
func warningsOf(diags diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags.Warnings() {
		fmt.Fprintf(&b, "%s: %s\n", d.Summary(), d.Detail())
	}
	return b.String()
}

// contactPlanRequest builds a ModifyPlan request from state and plan models.
func contactPlanRequest(t *testing.T, state, plan contactModel) resource.ModifyPlanRequest {
	t.Helper()
	ctx := context.Background()
	var schemaResp resource.SchemaResponse
	(&contactResource{}).Schema(ctx, resource.SchemaRequest{}, &schemaResp)
	empty := tftypes.NewValue(schemaResp.Schema.Type().TerraformType(ctx), nil)
	req := resource.ModifyPlanRequest{
		State: tfsdk.State{Schema: schemaResp.Schema, Raw: empty},
		Plan:  tfsdk.Plan{Schema: schemaResp.Schema, Raw: empty},
	}
	if diags := req.State.Set(ctx, &state); diags.HasError() {
		t.Fatal(diags)
	}
	if diags := req.Plan.Set(ctx, &plan); diags.HasError() {
		t.Fatal(diags)
	}
	return req
}

// contactWithAttributes is a contact state holding the custom attributes.
func contactWithAttributes(attrs map[string]string) contactModel {
	m := contactModel{
		ID: newID(41), InboxID: newID(1), Name: types.StringValue("Kept"),
		Email: emailOf(""), PhoneNumber: types.StringNull(), AvatarURL: types.StringNull(), Identifier: types.StringNull(),
		SourceID: types.StringValue("src"), CreatedAt: types.Int64Value(1),
		CustomAttributes: types.MapNull(types.StringType),
	}
	if attrs != nil {
		m.CustomAttributes, _ = types.MapValueFrom(context.Background(), types.StringType, attrs)
	}
	return m
}

func TestContactPlanWarnsThatRemovedCustomAttributesStay(t *testing.T) {
	t.Parallel()
	state := contactWithAttributes(map[string]string{"tier": "gold", "count": "3", "note": "x"})
	for name, tc := range map[string]struct {
		plan contactModel
		want []string // substrings of the warnings; none for no warning
	}{
		"key removed":       {contactWithAttributes(map[string]string{"tier": "platinum"}), []string{`"count" = "3", "note" = "x"`, "stay in LiveDesk", "sends no request"}},
		"attribute removed": {contactWithAttributes(nil), []string{`"count" = "3"`, `"tier" = "gold"`}},
		"value changed":     {contactWithAttributes(map[string]string{"tier": "platinum", "count": "4", "note": "x"}), nil},
		"key added":         {contactWithAttributes(map[string]string{"tier": "gold", "count": "3", "note": "x", "new": "1"}), nil},
	} {
		t.Run(name, func(t *testing.T) {
			req := contactPlanRequest(t, state, tc.plan)
			resp := resource.ModifyPlanResponse{Plan: req.Plan}
			(&contactResource{}).ModifyPlan(context.Background(), req, &resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			got := warningsOf(resp.Diagnostics)
			if tc.want == nil && got != "" {
				t.Errorf("unexpected warning: %s", got)
			}
			for _, want := range tc.want {
				if !strings.Contains(got, want) {
					t.Errorf("warnings %q do not say %q", got, want)
				}
			}
		})
	}
}

// contactsDataSourceRead reads data.livedesk_contacts with max_results
// against a sandbox holding n listed contacts.
func contactsDataSourceRead(t *testing.T, n int, maxResults int64) datasource.ReadResponse {
	t.Helper()
	inst, err := sandbox.Start("127.0.0.1:0", sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = inst.Close() })
	for i := range n {
		if _, err := inst.Server.AddContact(sandboxContactInput("Limit", i)); err != nil {
			t.Fatal(err)
		}
	}
	client, err := livedesk.New(livedesk.Config{BaseURL: inst.URL, APIKey: sandbox.DefaultAPIKey, APISecret: sandbox.DefaultAPISecret})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	d := &contactsDataSource{}
	d.data = &providerData{client: client}
	var schemaResp datasource.SchemaResponse
	d.Schema(ctx, datasource.SchemaRequest{}, &schemaResp)
	objType := schemaResp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	values := map[string]tftypes.Value{}
	for name, typ := range objType.AttributeTypes {
		values[name] = tftypes.NewValue(typ, nil)
	}
	values["max_results"] = tftypes.NewValue(tftypes.Number, maxResults)
	config := tfsdk.Config{Schema: schemaResp.Schema, Raw: tftypes.NewValue(objType, values)}
	resp := datasource.ReadResponse{State: tfsdk.State{Schema: schemaResp.Schema, Raw: tftypes.NewValue(objType, nil)}}
	d.Read(ctx, datasource.ReadRequest{Config: config}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	return resp
}

func TestContactsDataSourceWarnsWhenItStopsAtItsLimit(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		contacts int
		limit    int64
		warns    bool
	}{{20, 16, true}, {20, 20, false}, {20, 21, false}, {3, 2, true}} {
		t.Run(fmt.Sprintf("%d contacts, max_results %d", tc.contacts, tc.limit), func(t *testing.T) {
			t.Parallel()
			resp := contactsDataSourceRead(t, tc.contacts, tc.limit)
			got := warningsOf(resp.Diagnostics)
			if warned := strings.Contains(got, fmt.Sprintf("Only the first %d contacts are returned", tc.limit)); warned != tc.warns {
				t.Errorf("warnings %q; want a limit warning: %v", got, tc.warns)
			}
			var contacts types.List
			resp.State.GetAttribute(context.Background(), path.Root("contacts"), &contacts)
			if want := min(tc.contacts, int(tc.limit)); len(contacts.Elements()) != want {
				t.Errorf("%d contacts returned, want %d", len(contacts.Elements()), want)
			}
		})
	}
}

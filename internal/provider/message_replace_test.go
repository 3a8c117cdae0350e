package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// message3031 is the state of message 3031, sent to conversation 407.
func message3031() messageModel {
	return messageModel{
		ID: newID(3031), ConversationID: newID(407), Content: types.StringValue("Hello"), MessageType: types.StringValue("outgoing"),
		Private: types.BoolValue(false), InReplyTo: nullID(), Files: types.ListNull(types.StringType),
		FilesSHA256: types.ListNull(types.StringType), ContentType: types.StringValue("text"), Status: types.StringValue("sent"),
		CreatedAt: types.Int64Value(1), SenderID: types.StringValue("1"), SenderType: types.StringValue("user"),
		Attachments: types.ListValueMust(attachmentsAttribute().NestedObject.Type(), nil),
	}
}

// messagePlan runs the message resource's ModifyPlan from state to plan.
func messagePlan(t *testing.T, state, plan messageModel) *resource.ModifyPlanResponse {
	t.Helper()
	ctx := context.Background()
	var schemaResp resource.SchemaResponse
	(&messageResource{}).Schema(ctx, resource.SchemaRequest{}, &schemaResp)
	empty := tftypes.NewValue(schemaResp.Schema.Type().TerraformType(ctx), nil)
	req := resource.ModifyPlanRequest{State: tfsdk.State{Schema: schemaResp.Schema, Raw: empty}, Plan: tfsdk.Plan{Schema: schemaResp.Schema, Raw: empty}}
	if diags := req.State.Set(ctx, &state); diags.HasError() {
		t.Fatal(diags)
	}
	if diags := req.Plan.Set(ctx, &plan); diags.HasError() {
		t.Fatal(diags)
	}
	resp := &resource.ModifyPlanResponse{Plan: req.Plan}
	(&messageResource{}).ModifyPlan(ctx, req, resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	return resp
}

func TestMessagePlanWarnsThatAReplacedMessageStays(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		edit func(*messageModel)
		want []string // substrings of the warning; none for no warning
	}{
		"content edited": {func(m *messageModel) { m.Content = types.StringValue("Hello again") },
			[]string{"Replacing message 3031 sends a new message; the old one stays", "Changed: content.", "stays in conversation 407"}},
		"conversation replaced": {func(m *messageModel) { m.ConversationID = unknownID() },
			[]string{"Changed: conversation_id (its conversation is being replaced)."}},
		"made private and a reply": {func(m *messageModel) { m.Private, m.InReplyTo = types.BoolValue(true), newID(3000) },
			[]string{"Changed: private, in_reply_to."}},
		"content unknown":   {func(m *messageModel) { m.Content = types.StringUnknown() }, []string{"Changed: content."}},
		"nothing changed":   {func(*messageModel) {}, nil},
		"computed unknowns": {func(m *messageModel) { m.Status, m.CreatedAt = types.StringUnknown(), types.Int64Unknown() }, nil},
	} {
		t.Run(name, func(t *testing.T) {
			plan := message3031()
			tc.edit(&plan)
			got := warningsOf(messagePlan(t, message3031(), plan).Diagnostics)
			if len(tc.want) == 0 && got != "" {
				t.Errorf("warnings %q, want none", got)
			}
			for _, want := range tc.want {
				if !strings.Contains(got, want) {
					t.Errorf("warnings %q do not say %q", got, want)
				}
			}
		})
	}
}

func TestMessageDeleteWarnsThatTheMessageStays(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var schemaResp resource.SchemaResponse
	(&messageResource{}).Schema(ctx, resource.SchemaRequest{}, &schemaResp)
	req := resource.DeleteRequest{State: tfsdk.State{Schema: schemaResp.Schema, Raw: tftypes.NewValue(schemaResp.Schema.Type().TerraformType(ctx), nil)}}
	state := message3031()
	if diags := req.State.Set(ctx, &state); diags.HasError() {
		t.Fatal(diags)
	}
	var resp resource.DeleteResponse
	(&messageResource{}).Delete(ctx, req, &resp)
	if got := warningsOf(resp.Diagnostics); !strings.Contains(got, "Message 3031 stays in conversation 407") || resp.Diagnostics.HasError() {
		t.Errorf("diagnostics %v, want a warning that message 3031 stays", resp.Diagnostics)
	}
}

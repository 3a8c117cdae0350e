package provider

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// actionsCLI runs a test only on CLIs with actions and terraform query
// (Terraform 1.14+); older Terraform and OpenTofu skip it.
var actionsCLI = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)}

// toggleStatus is the sandbox's request key for a status change.
const toggleStatus = "POST /api/v2/accounts/conversations/{id}/toggle_status"

// stateHoldsOnly is a state check that the state holds exactly the given
// resource addresses: an action leaves nothing behind.
type stateHoldsOnly []string

// CheckState compares the state's resource addresses with the expected ones.
func (want stateHoldsOnly) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	var got []string
	if req.State != nil && req.State.Values != nil {
		for _, r := range req.State.Values.RootModule.Resources {
			got = append(got, r.Address)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		resp.Error = fmt.Errorf("the state holds %v, want only %v", got, []string(want))
	}
}

// actionFixture is a sandbox conversation Terraform does not manage.
func actionFixture(t *testing.T, sb *sandbox.Server, contactID string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(contactID, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	conv, err := sb.AddConversation(sandbox.ConversationInput{ContactID: id})
	if err != nil {
		t.Fatal(err)
	}
	return conv.ID
}

// messageContents are the contents of the sandbox's messages, in the order
// LiveDesk received them (ids increase).
func messageContents(sb *sandbox.Server) []string {
	var contents []string
	for _, m := range sb.Snapshot().Messages {
		contents = append(contents, m.Content)
	}
	return contents
}

// releaseAnnouncement is a terraform_data release marker whose creation
// and every change of release invokes livedesk_send_message.
func releaseAnnouncement(env *accEnv, conversationID int64, release string) string {
	return env.config(`
locals {
  release = %q
}

resource "terraform_data" "release" {
  input = local.release

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.livedesk_send_message.announce]
    }
  }
}

action "livedesk_send_message" "announce" {
  config {
    conversation_id = "%d"
    content         = "Release ${local.release} is out"
  }
}`, release, conversationID)
}

// TestAccSendMessageAction_triggeredByARelease sends one message each time
// the release marker is created or changes, in order, and keeps nothing of
// them in the state; a plan with no change sends nothing.
func TestAccSendMessageAction_triggeredByARelease(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	conversation := actionFixture(t, sb, env.contactID)
	onlyMarker := []statecheck.StateCheck{stateHoldsOnly{"terraform_data.release"}}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   actionsCLI,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: releaseAnnouncement(env, conversation, "v1"), ConfigStateChecks: onlyMarker, ConfigPlanChecks: emptyPlanAfterApply},
			{Config: releaseAnnouncement(env, conversation, "v2"), ConfigStateChecks: onlyMarker, ConfigPlanChecks: emptyPlanAfterApply},
			{Config: releaseAnnouncement(env, conversation, "v2"), PlanOnly: true},
		},
	})
	want := []string{"Release v1 is out", "Release v2 is out"}
	if got := messageContents(sb); !slices.Equal(got, want) {
		t.Errorf("the sandbox received %q, want %q in this order", got, want)
	}
	st := sb.Snapshot()
	if n := st.Requests[postMessages]; n != 2 {
		t.Errorf("the sandbox received %d message sends, want exactly one per release", n)
	}
	for _, m := range st.Messages {
		if m.ConversationID != conversation || m.MessageType != "outgoing" || m.Private {
			t.Errorf("message %d went to conversation %d as %s (private %v), want an outgoing message in %d", m.ID, m.ConversationID, m.MessageType, m.Private, conversation)
		}
	}
}

// sendMessageTrigger is a terraform_data whose creation, and every change
// of its input, invokes livedesk_send_message with the given arguments.
func sendMessageTrigger(env *accEnv, args string) string {
	return env.config(`
resource "terraform_data" "trigger" {
  input = sha1(%q)

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.livedesk_send_message.test]
    }
  }
}

action "livedesk_send_message" "test" {
  config {
    %s
  }
}`, args, args)
}

// TestAccSendMessageAction_refusedAtPlanTime refuses, before anything is
// sent, what a transcript element refuses, and a file that cannot be read.
func TestAccSendMessageAction_refusedAtPlanTime(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	conversation := actionFixture(t, sb, env.contactID)
	missing := filepath.Join(t.TempDir(), "missing.pdf")
	step := func(args, want string) resource.TestStep {
		return resource.TestStep{
			Config:      sendMessageTrigger(env, fmt.Sprintf("conversation_id = \"%d\"\n    %s", conversation, args)),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(want),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   actionsCLI,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(`private = true`, `A message needs content or files`),
			step("content = \"Psst\"\n    message_type = \"incoming\"\n    private = true", `An incoming message cannot be private`),
			step(`content = ""`, `must not be empty`),
			step(`content = "Hi"`+"\n    message_type = \"sideways\"", `value must be one of`),
			step(fmt.Sprintf("files = [%q]", missing), `(?s)Cannot read a file to attach.*no file at`),
			{
				Config:      sendMessageTrigger(env, `conversation_id = "0"`+"\n    content = \"Hi\""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`positive`),
			},
		},
	})
	if n := len(sb.Snapshot().Requests); n != 0 {
		t.Errorf("refused input reached LiveDesk: %v", sb.Snapshot().Requests)
	}
}

// TestAccSendMessageAction_failedSendSaysWhatToDo names the conversation
// LiveDesk does not know, and after an answer lost on the way back says
// the message may have arrived and must not be sent again blindly; the
// send is never retried.
func TestAccSendMessageAction_failedSendSaysWhatToDo(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	conversation := actionFixture(t, sb, env.contactID)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   actionsCLI,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      sendMessageTrigger(env, `conversation_id = "999999"`+"\n    content = \"Hello?\""),
				ExpectError: wrapped(`Cannot send the LiveDesk message: LiveDesk has no conversation 999999`),
			},
			{
				PreConfig:   func() { sb.SetFaults(sandbox.Faults{CommitThenFailRate: 1}) },
				Config:      sendMessageTrigger(env, fmt.Sprintf("conversation_id = \"%d\"\n    content = \"Only once\"", conversation)),
				ExpectError: wrapped(`may have been created. (?s:.*)Do not invoke the action again`),
			},
		},
	})
	st := sb.Snapshot()
	if n := st.Requests[postMessages]; n != 2 {
		t.Errorf("the sandbox received %d message sends, want one per invocation and no retry", n)
	}
	if got := messageContents(sb); !slices.Equal(got, []string{"Only once"}) {
		t.Errorf("the sandbox holds %q, want the one message the lost answer was for", got)
	}
}

// TestAccSetConversationStatusAction_reportsRefusals snoozes three
// conversations Terraform does not manage, one toggle_status each, in the
// order listed. LiveDesk refuses the resolved one; the error names it and
// the others are changed all the same.
func TestAccSetConversationStatusAction_reportsRefusals(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	blocked, err := sb.AddContact(sandbox.ContactInput{Name: "Blocked", Blocked: true})
	if err != nil {
		t.Fatal(err)
	}
	open1 := actionFixture(t, sb, env.contactID)
	resolved := actionFixture(t, sb, strconv.FormatInt(blocked.ID, 10)) // a blocked contact's conversation starts resolved
	open2 := actionFixture(t, sb, env.contactID)
	config := env.config(`
resource "terraform_data" "maintenance" {
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.livedesk_set_conversation_status.snooze]
    }
  }
}

action "livedesk_set_conversation_status" "snooze" {
  config {
    conversation_ids = ["%d", "%d", "%d"]
    status           = "snoozed"
    snoozed_until    = "2030-01-01T09:00:00Z"
  }
}`, open1, resolved, open2)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   actionsCLI,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: statusActionOnCreate(env, fmt.Sprintf(`conversation_ids = ["%d"]
    status           = "open"
    snoozed_until    = "2030-01-01T09:00:00Z"`, open1)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`snoozed_until needs status = "snoozed"`),
			},
			{
				Config: config,
				ExpectError: wrapped(fmt.Sprintf(`LiveDesk refused to change conversation %d to "snoozed"(?s:.*)`+
					`"resolved" conversation to become "snoozed"(?s:.*)Changed to "snoozed": conversation %d, %d\.`, resolved, open1, open2)),
			},
		},
	})
	st := sb.Snapshot()
	if n := st.Requests[toggleStatus]; n != 3 {
		t.Errorf("the sandbox received %d toggle_status requests, want one per conversation", n)
	}
	want := map[int64]string{open1: "snoozed", resolved: "resolved", open2: "snoozed"}
	for _, c := range st.Conversations {
		if c.Status != want[c.ID] {
			t.Errorf("conversation %d is %s, want %s", c.ID, c.Status, want[c.ID])
		}
		if c.Status == "snoozed" && (c.SnoozedUntil == nil || *c.SnoozedUntil != 1893488400) {
			t.Errorf("conversation %d snoozed until %v, want 2030-01-01T09:00:00Z", c.ID, c.SnoozedUntil)
		}
	}
	if strings.Contains(fmt.Sprint(st.Requests), "messages") {
		t.Errorf("changing statuses sent messages: %v", st.Requests)
	}
}

// TestSetConversationStatusChecksIDsAtPlan validates the action's
// configuration as Terraform does when it plans: every element of
// conversation_ids that is not a LiveDesk id is an error naming its index,
// before anything is invoked.
func TestSetConversationStatusChecksIDsAtPlan(t *testing.T) {
	t.Parallel()
	p := newProtocolProvider(t)
	for _, tc := range []struct {
		ids  tftypes.Value
		want []string // the errors, "<attribute>: <detail>"; none for valid ids
	}{
		{stringValues("1", "407"), nil},
		{stringValues("1", "abc"), []string{`conversation_ids[1]: "abc" is not a LiveDesk id`}},
		{stringValues("0", "7", " 8", "-3", "1.5"), []string{
			`conversation_ids[0]: "0" is not a LiveDesk id`, `conversation_ids[2]: " 8" is not a LiveDesk id`,
			`conversation_ids[3]: "-3" is not a LiveDesk id`, `conversation_ids[4]: "1.5" is not a LiveDesk id`,
		}},
		{tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, "5"), tftypes.NewValue(tftypes.String, nil)}),
			[]string{`conversation_ids[1]: The list holds a null`}},
	} {
		diags := p.validateAction(t, "livedesk_set_conversation_status", map[string]tftypes.Value{
			"conversation_ids": tc.ids, "status": tftypes.NewValue(tftypes.String, "resolved"),
		})
		var got []string
		for _, d := range diags {
			if d.Severity != tfprotov6.DiagnosticSeverityError || d.Attribute == nil {
				t.Errorf("%v: unexpected diagnostic %s: %s", tc.ids, d.Summary, d.Detail)
				continue
			}
			got = append(got, fmt.Sprintf("%s: %s", attributePathText(d.Attribute), d.Detail))
		}
		if len(got) != len(tc.want) {
			t.Errorf("%v: errors\n%s\nwant %d", tc.ids, strings.Join(got, "\n"), len(tc.want))
			continue
		}
		for i := range got {
			if !strings.HasPrefix(got[i], tc.want[i]) {
				t.Errorf("%v: error %q, want %q", tc.ids, got[i], tc.want[i])
			}
		}
	}
}

// attributePathText writes a protocol attribute path as Terraform shows it:
// conversation_ids[1].
func attributePathText(p *tftypes.AttributePath) string {
	var b strings.Builder
	for _, step := range p.Steps() {
		switch s := step.(type) {
		case tftypes.AttributeName:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(string(s))
		case tftypes.ElementKeyInt:
			fmt.Fprintf(&b, "[%d]", int64(s))
		case tftypes.ElementKeyString:
			fmt.Fprintf(&b, "[%q]", string(s))
		}
	}
	return b.String()
}

// statusActionOnCreate is a livedesk_set_conversation_status action with
// the given arguments, invoked when a terraform_data is created.
func statusActionOnCreate(env *accEnv, args string) string {
	return env.config(`
action "livedesk_set_conversation_status" "bad" {
  config {
    %s
  }
}

resource "terraform_data" "maintenance" {
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.livedesk_set_conversation_status.bad]
    }
  }
}`, args)
}

// TestAccSetConversationStatusAction_refusesBadIDsAtPlan plans an action
// whose conversation_ids holds one id that is not a number: the plan
// fails naming it, and nothing reaches LiveDesk.
func TestAccSetConversationStatusAction_refusesBadIDsAtPlan(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   actionsCLI,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: statusActionOnCreate(env, `conversation_ids = ["1", "abc"]
    status           = "resolved"`),
			PlanOnly:    true,
			ExpectError: wrapped(`conversation_ids\[1\](?s:.*)"abc" is not a LiveDesk id: it must be a positive whole number`),
		}},
	})
	if n := len(sb.Snapshot().Requests); n != 0 {
		t.Errorf("refused input reached LiveDesk: %v", sb.Snapshot().Requests)
	}
}

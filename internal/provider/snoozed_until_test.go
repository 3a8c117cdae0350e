package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestSnoozedUntilInThePastIsWarnedAlike validates, as terraform plan does,
// a snoozed_until in the past, in the future and not a time, on
// livedesk_conversation, on an entry of livedesk_conversations and on the
// livedesk_set_conversation_status action: the past is one warning, the
// same for all three, that says what LiveDesk does with it and what to
// write instead; a malformed time is an error.
func TestSnoozedUntilInThePastIsWarnedAlike(t *testing.T) {
	t.Parallel()
	p := newProtocolProvider(t)
	text := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	entries := p.attributeType("livedesk_conversations", "conversations").(tftypes.Map)
	places := map[string]func(until string) []*tfprotov6.Diagnostic{
		"livedesk_conversation": func(until string) []*tfprotov6.Diagnostic {
			return p.validateResource(t, "livedesk_conversation", map[string]tftypes.Value{
				"inbox_id": text("1"), "contact_id": text("1"), "status": text("snoozed"), "snoozed_until": text(until),
			})
		},
		"livedesk_conversations": func(until string) []*tfprotov6.Diagnostic {
			entry := nullObject(entries.ElementType, map[string]tftypes.Value{"contact_id": text("1"), "status": text("snoozed"), "snoozed_until": text(until)})
			return p.validateResource(t, "livedesk_conversations", map[string]tftypes.Value{
				"inbox_id": text("1"), "conversations": tftypes.NewValue(entries, map[string]tftypes.Value{"alice": entry}),
			})
		},
		"livedesk_set_conversation_status": func(until string) []*tfprotov6.Diagnostic {
			return p.validateAction(t, "livedesk_set_conversation_status", map[string]tftypes.Value{
				"conversation_ids": stringValues("1"), "status": text("snoozed"), "snoozed_until": text(until),
			})
		},
	}
	past := time.Now().Add(-49 * time.Hour).UTC().Format(time.RFC3339)
	future := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	for name, validate := range places {
		t.Run(name, func(t *testing.T) {
			diags := validate(past)
			if len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityWarning ||
				!strings.HasSuffix(diags[0].Summary, "snoozed_until is in the past") ||
				!strings.Contains(diags[0].Detail, `snoozed_until = "`+past+`" was 2 days ago. LiveDesk reopens a snoozed conversation`) ||
				!strings.Contains(diags[0].Detail, "Set a time in the future, or leave snoozed_until out") {
				t.Errorf("snoozed_until 49 hours ago gives:\n%swant one warning that it is past", protocolDiagnostics(diags))
			}
			if diags := validate(future); len(diags) != 0 {
				t.Errorf("snoozed_until in an hour gives:\n%s", protocolDiagnostics(diags))
			}
			if diags := validate("tomorrow at nine"); len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityError ||
				!strings.Contains(diags[0].Detail, "is not an RFC 3339 time") {
				t.Errorf("snoozed_until = \"tomorrow at nine\" gives:\n%swant one error", protocolDiagnostics(diags))
			}
		})
	}
}

func TestSnoozeTimeSaysHowLongAgo(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	v := snoozeTime{now: func() time.Time { return now }}
	for until, want := range map[string]string{
		"2026-12-01T08:59:59Z":      "was 1 second ago",
		"2026-12-01T08:58:00Z":      "was 2 minutes ago",
		"2026-12-01T16:00:00+08:00": "was 1 hour ago",
		"2025-12-01T09:00:00Z":      "was 365 days ago",
		"2026-12-01T09:00:00Z":      "",
		"2026-12-01T17:00:01+08:00": "",
	} {
		var resp validator.StringResponse
		v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("snoozed_until"), ConfigValue: types.StringValue(until)}, &resp)
		got := ""
		if w := resp.Diagnostics.Warnings(); len(w) == 1 {
			got = w[0].Detail()
		}
		if (want == "") != (got == "") || !strings.Contains(got, want) || resp.Diagnostics.HasError() {
			t.Errorf("snoozed_until = %q at %s: %v, want a warning saying %q", until, now, resp.Diagnostics, want)
		}
	}
}

package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestConversationStatusRule(t *testing.T) {
	t.Parallel()
	status := func(s, until string) conversationStatus {
		st := conversationStatus{Status: types.StringValue(s), SnoozedUntil: types.StringNull()}
		if until != "" {
			st.SnoozedUntil = types.StringValue(until)
		}
		return st
	}
	notConfigured := conversationStatus{Status: types.StringNull(), SnoozedUntil: types.StringNull()}
	incoming := []transcriptMessage{{MessageType: types.StringValue("incoming")}}
	outgoing := []transcriptMessage{{MessageType: types.StringValue("outgoing")}}
	for name, tc := range map[string]struct {
		holds      conversationStatus
		messages   []transcriptMessage
		configured conversationStatus
		wantHolds  string
		wantSend   bool
	}{
		"resolved, incoming, resolved configured: sent again":    {status("resolved", ""), incoming, status("resolved", ""), "open", true},
		"resolved, outgoing, resolved configured: nothing":       {status("resolved", ""), outgoing, status("resolved", ""), "resolved", false},
		"resolved, incoming, not configured: state says open":    {status("resolved", ""), incoming, notConfigured, "open", false},
		"pending, incoming, not configured: stays pending":       {status("pending", ""), incoming, notConfigured, "pending", false},
		"pending, incoming, pending configured: nothing":         {status("pending", ""), incoming, status("pending", ""), "pending", false},
		"open, incoming, open configured: nothing":               {status("open", ""), incoming, status("open", ""), "open", false},
		"snoozed, incoming, snoozed configured: sent again":      {status("snoozed", "2030-01-01T00:00:00Z"), incoming, status("snoozed", "2030-01-01T00:00:00Z"), "open", true},
		"snoozed, no messages, new snoozed_until: sent":          {status("snoozed", "2030-01-01T00:00:00Z"), nil, status("snoozed", "2031-01-01T00:00:00Z"), "snoozed", true},
		"open, no messages, resolved configured: sent":           {status("open", ""), nil, status("resolved", ""), "open", true},
		"an agent's pending, incoming, not configured: no reply": {status("pending", ""), incoming, notConfigured, "pending", false},
	} {
		t.Run(name, func(t *testing.T) {
			holds := tc.holds.afterMessages(tc.messages)
			if got := holds.Status.ValueString(); got != tc.wantHolds {
				t.Errorf("after the messages LiveDesk holds %q, want %q", got, tc.wantHolds)
			}
			if got := holds.needsRequest(tc.configured); got != tc.wantSend {
				t.Errorf("status request = %v, want %v", got, tc.wantSend)
			}
		})
	}
}

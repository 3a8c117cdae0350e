package conversation

import (
	"errors"
	"testing"
)

// snoozed is a snoozed status until the given time.
func snoozed(until string) Status {
	return Status{Value: Known("snoozed"), SnoozedUntil: Known(until)}
}

var (
	notConfigured = Status{Value: Null[string](), SnoozedUntil: Null[string]()}
	in            = []string{"incoming"}
	out           = []string{"outgoing"}
)

// TestStatusRuleAtApply checks what LiveDesk holds after the messages,
// whether the configured status is sent, and what the state records.
func TestStatusRuleAtApply(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		prior      Status
		recorded   []string
		configured Status
		wantSend   bool
		wantRecord Status
	}{
		"resolved, incoming, resolved configured: sent again":  {StatusOf("resolved"), in, StatusOf("resolved"), true, StatusOf("resolved")},
		"resolved, outgoing, resolved configured: nothing":     {StatusOf("resolved"), out, StatusOf("resolved"), false, StatusOf("resolved")},
		"resolved, incoming, not configured: state says open":  {StatusOf("resolved"), in, notConfigured, false, StatusOf("open")},
		"pending, incoming, not configured: stays pending":     {StatusOf("pending"), in, notConfigured, false, StatusOf("pending")},
		"open, no messages, resolved configured: sent":         {StatusOf("open"), nil, StatusOf("resolved"), true, StatusOf("resolved")},
		"snoozed, incoming, snoozed configured: sent again":    {snoozed("2030-01-01T00:00:00Z"), in, snoozed("2030-01-01T00:00:00Z"), true, snoozed("2030-01-01T00:00:00Z")},
		"snoozed, new snoozed_until: sent":                     {snoozed("2030-01-01T00:00:00Z"), nil, snoozed("2031-01-01T00:00:00Z"), true, snoozed("2031-01-01T00:00:00Z")},
		"snoozed, status and snooze removed: nothing, no time": {snoozed("2030-01-01T00:00:00Z"), nil, notConfigured, false, StatusOf("snoozed")},
		"imported, status configured: sent":                    {UnknownStatus(), nil, StatusOf("resolved"), true, StatusOf("resolved")},
		"imported, not configured: nothing, none recorded":     {UnknownStatus(), out, notConfigured, false, Status{Value: Null[string](), SnoozedUntil: Null[string]()}},
	} {
		t.Run(name, func(t *testing.T) {
			send, record := Settle(Holds(tc.prior, tc.recorded), tc.configured)
			if send != tc.wantSend {
				t.Errorf("send = %v, want %v", send, tc.wantSend)
			}
			if !record.Value.Equal(tc.wantRecord.Value) || !record.SnoozedUntil.Equal(tc.wantRecord.SnoozedUntil) {
				t.Errorf("records %v %v, want %v %v", record.Value, record.SnoozedUntil, tc.wantRecord.Value, tc.wantRecord.SnoozedUntil)
			}
		})
	}
}

// TestStatusRuleAtPlan checks the planned status and the refusals.
func TestStatusRuleAtPlan(t *testing.T) {
	t.Parallel()
	incoming, outgoing, unknown := []Value[string]{Known("incoming")}, []Value[string]{Known("outgoing")}, []Value[string]{Unknown[string]()}
	for name, tc := range map[string]struct {
		rule    StatusRule
		want    Value[string]
		refused bool
	}{
		"not configured, outgoing: stays":       {StatusRule{Configured: notConfigured, Prior: StatusOf("resolved"), Directions: outgoing}, Known("resolved"), false},
		"not configured, incoming: reopens":     {StatusRule{Configured: notConfigured, Prior: StatusOf("resolved"), Directions: incoming}, Known("open"), false},
		"not configured, unknown direction":     {StatusRule{Configured: notConfigured, Prior: StatusOf("snoozed"), Directions: unknown}, Unknown[string](), false},
		"not configured, undecided transcript":  {StatusRule{Configured: notConfigured, Prior: StatusOf("open"), Undecided: true}, Unknown[string](), false},
		"resolved to snoozed: refused":          {StatusRule{Configured: snoozed("2030-01-01T00:00:00Z"), Prior: StatusOf("resolved")}, Known("snoozed"), true},
		"resolved, incoming, then snoozed: ok":  {StatusRule{Configured: StatusOf("snoozed"), Prior: StatusOf("resolved"), Directions: incoming}, Known("snoozed"), false},
		"imported, snoozed configured: allowed": {StatusRule{Configured: StatusOf("snoozed"), Prior: UnknownStatus()}, Known("snoozed"), false},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := tc.rule.Planned()
			var refused *TransitionError
			if errors.As(err, &refused) != tc.refused {
				t.Errorf("refused = %v (%v), want %v", err != nil, err, tc.refused)
			}
			if !got.Equal(tc.want) {
				t.Errorf("planned %v, want %v", got, tc.want)
			}
		})
	}
	rule := StatusRule{Conversation: "9", Configured: notConfigured, Prior: snoozed("2030-01-01T00:00:00Z")}
	if rule.UnmanagedSnooze() == "" {
		t.Error("removing status and snoozed_until does not warn that the snooze time stays")
	}
	rule.Configured = snoozed("2030-01-01T00:00:00Z")
	if rule.UnmanagedSnooze() != "" {
		t.Error("a configured snooze time warns")
	}
}

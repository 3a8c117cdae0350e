package provider

import (
	"strings"
	"testing"
)

func TestTransitionRuleNamesTheRefusedMove(t *testing.T) {
	for status, want := range map[string]string{
		"snoozed": `do not allow a "resolved" conversation to become "snoozed". Set it to "open" or "pending" first`,
		"open":    `allow "open" from every status`,
	} {
		if got := transitionRule(status); !strings.Contains(got, want) {
			t.Errorf("transitionRule(%q) = %q, want it to contain %q", status, got, want)
		}
	}
}

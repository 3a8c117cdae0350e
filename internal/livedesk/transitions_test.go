package livedesk

import "testing"

func TestTransitionAllowedFollowsTheDocumentedMatrix(t *testing.T) {
	for _, tc := range []struct {
		from, to string
		want     bool
	}{
		{StatusResolved, StatusSnoozed, false},
		{StatusResolved, StatusOpen, true},
		{StatusResolved, StatusPending, true},
		{StatusResolved, StatusResolved, true},
		{StatusOpen, StatusSnoozed, true},
		{StatusSnoozed, StatusResolved, true},
		{StatusPending, StatusSnoozed, true},
		{"", StatusSnoozed, true},
		{"closed", StatusSnoozed, true},
	} {
		if got := TransitionAllowed(tc.from, tc.to); got != tc.want {
			t.Errorf("TransitionAllowed(%q, %q) = %v, want %v", tc.from, tc.to, got, tc.want)
		}
	}
}

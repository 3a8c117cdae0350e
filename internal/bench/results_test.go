package bench

import (
	"reflect"
	"testing"
	"time"
)

func TestRequestDeltaKeepsOnlyEndpointsThatReceivedRequests(t *testing.T) {
	t.Parallel()
	before := map[string]int{"POST /a": 3, "POST /b": 5}
	after := map[string]int{"POST /a": 3, "POST /b": 9, "POST /c": 2}
	want := map[string]int{"POST /b": 4, "POST /c": 2}
	if got := requestDelta(before, after); !reflect.DeepEqual(got, want) {
		t.Errorf("requestDelta = %v, want %v", got, want)
	}
	if got := requestDelta(after, after); len(got) != 0 {
		t.Errorf("requestDelta of equal counters = %v, want none", got)
	}
	if got := (Measurement{Requests: want}).TotalRequests(); got != 6 {
		t.Errorf("TotalRequests = %d, want 6", got)
	}
}

func TestApplyRatio(t *testing.T) {
	t.Parallel()
	r := LayoutResult{
		Provider:       Phases{Apply: Measurement{Wall: 3 * time.Second}},
		APIFloor:       Measurement{Wall: time.Second},
		TerraformFloor: Phases{Apply: Measurement{Wall: 500 * time.Millisecond}},
	}
	if got := applyRatio(r); got != 2 {
		t.Errorf("applyRatio = %v, want 2", got)
	}
	if got := applyRatio(LayoutResult{Provider: r.Provider}); got != 0 {
		t.Errorf("applyRatio with no floor = %v, want 0", got)
	}
}

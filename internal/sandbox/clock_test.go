package sandbox

import (
	"net/http"
	"testing"
	"time"
)

func TestClockOffsetDatesAnswersAndRecords(t *testing.T) {
	t.Parallel()
	for _, offset := range []time.Duration{10 * time.Minute, -10 * time.Minute} {
		_, c := newSandbox(t, Options{ClockOffset: offset})
		contact := c.createContact(map[string]any{"name": "Clocked"})
		res := c.do(http.MethodPost, "/api/v2/accounts/conversations", map[string]any{"inbox_id": 1, "contact_id": contact["id"]}).expect(t, http.StatusOK)
		want := time.Now().Add(offset)
		date, err := http.ParseTime(res.header.Get("Date"))
		if err != nil {
			t.Fatalf("offset %v: Date %q: %v", offset, res.header.Get("Date"), err)
		}
		if d := date.Sub(want); d < -5*time.Second || d > 5*time.Second {
			t.Errorf("offset %v: Date %v, want about %v", offset, date, want)
		}
		created := time.Unix(num(t, res.object(t), "created_at"), 0)
		if d := created.Sub(want); d < -5*time.Second || d > 5*time.Second {
			t.Errorf("offset %v: created_at %v, want about %v", offset, created, want)
		}
	}
}

func TestClockOffsetIsSetAndReadUnderSandbox(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	got := c.do(http.MethodPut, "/_sandbox/clock", map[string]any{"offset": "-10m"}).expect(t, http.StatusOK).object(t)
	if got["offset"] != "-10m0s" {
		t.Errorf("PUT answered offset %v, want -10m0s", got["offset"])
	}
	if d := time.Until(s.now()); d > -9*time.Minute || d < -11*time.Minute {
		t.Errorf("the sandbox's clock is %v from the machine's after PUT -10m", d)
	}
	c.do(http.MethodPut, "/_sandbox/clock", map[string]any{"offset": "soon"}).expect(t, http.StatusUnprocessableEntity)
	s.Reset()
	if got := c.do(http.MethodGet, "/_sandbox/clock", nil).expect(t, http.StatusOK).object(t); got["offset"] != "-10m0s" {
		t.Errorf("after Reset the offset is %v, want it kept", got["offset"])
	}
}

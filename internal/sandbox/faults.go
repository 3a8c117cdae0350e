package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"time"
)

// Faults configures the misbehavior injected into API requests (paths under
// /api/). Inspection paths (/_sandbox/) and attachment downloads are never
// affected. The zero value injects nothing.
type Faults struct {
	// Latency is added before answering every API request.
	Latency time.Duration
	// RateLimit is the number of API requests per second allowed, enforced
	// by a token bucket whose burst is max(1, ceil(RateLimit)). Excess
	// requests are answered 429 with a Retry-After header. 0 is unlimited.
	RateLimit float64
	// FailureRate is the fraction (0..1) of API requests answered 500
	// without any effect.
	FailureRate float64
	// CommitThenFailRate is the fraction (0..1) of POST, PATCH and PUT API
	// requests that take effect and are then answered 500.
	CommitThenFailRate float64
	// DropAfterCommitRate is the fraction (0..1) of POST, PATCH and PUT API
	// requests that take effect, after which the connection is closed
	// without any response.
	DropAfterCommitRate float64
}

// faultsJSON is the wire form of Faults, with the latency as a Go duration
// string such as "20ms".
type faultsJSON struct {
	Latency             string  `json:"latency"`
	RateLimit           float64 `json:"rate_limit"`
	FailureRate         float64 `json:"failure_rate"`
	CommitThenFailRate  float64 `json:"commit_then_fail_rate"`
	DropAfterCommitRate float64 `json:"drop_after_commit_rate"`
}

// MarshalJSON encodes the faults as
// {"latency":"20ms","rate_limit":20,"failure_rate":0,"commit_then_fail_rate":0,"drop_after_commit_rate":0}.
func (f Faults) MarshalJSON() ([]byte, error) {
	return json.Marshal(faultsJSON{
		Latency:             f.Latency.String(),
		RateLimit:           f.RateLimit,
		FailureRate:         f.FailureRate,
		CommitThenFailRate:  f.CommitThenFailRate,
		DropAfterCommitRate: f.DropAfterCommitRate,
	})
}

// UnmarshalJSON decodes the form written by MarshalJSON. Absent fields are
// zero, unknown fields are refused.
func (f *Faults) UnmarshalJSON(b []byte) error {
	var wire faultsJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&wire); err != nil {
		return err
	}
	latency := time.Duration(0)
	if wire.Latency != "" {
		var err error
		if latency, err = time.ParseDuration(wire.Latency); err != nil {
			return fmt.Errorf("latency: %w", err)
		}
	}
	*f = Faults{
		Latency:             latency,
		RateLimit:           wire.RateLimit,
		FailureRate:         wire.FailureRate,
		CommitThenFailRate:  wire.CommitThenFailRate,
		DropAfterCommitRate: wire.DropAfterCommitRate,
	}
	return nil
}

// Validate reports values out of range: negative latency or rate limit, or
// a fraction outside 0..1.
func (f Faults) Validate() error {
	var errs []error
	if f.Latency < 0 {
		errs = append(errs, errors.New("latency must not be negative"))
	}
	if f.RateLimit < 0 || math.IsNaN(f.RateLimit) || math.IsInf(f.RateLimit, 0) {
		errs = append(errs, errors.New("rate_limit must be a finite number >= 0"))
	}
	for _, rate := range []struct {
		name  string
		value float64
	}{
		{"failure_rate", f.FailureRate},
		{"commit_then_fail_rate", f.CommitThenFailRate},
		{"drop_after_commit_rate", f.DropAfterCommitRate},
	} {
		if !(rate.value >= 0 && rate.value <= 1) {
			errs = append(errs, fmt.Errorf("%s must be between 0 and 1", rate.name))
		}
	}
	return errors.Join(errs...)
}

// SetFaults replaces the injected faults and refills the rate-limit bucket.
func (s *Server) SetFaults(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setFaultsLocked(f)
}

// Faults returns the faults currently injected.
func (s *Server) Faults() Faults {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.faults
}

// setFaultsLocked installs f; s.mu must be held.
func (s *Server) setFaultsLocked(f Faults) {
	s.faults = f
	s.bucket = newTokenBucket(f.RateLimit)
}

// commitFault is what happens to a request after its handler has run.
type commitFault int

const (
	answerNormally commitFault = iota
	failAfterCommit
	dropAfterCommit
)

// refuseBeforeHandling applies the faults that answer a request without any
// effect: the rate limit (429) and the failure rate (500).
func (s *Server) refuseBeforeHandling(now time.Time) (result, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if wait, ok := s.bucket.take(now); !ok {
		seconds := max(1, int(math.Ceil(wait.Seconds())))
		return result{
			status: http.StatusTooManyRequests,
			header: http.Header{"Retry-After": {fmt.Sprint(seconds)}},
			body:   errorBody{Error: "Too many requests"},
		}, true
	}
	if s.rollLocked(s.faults.FailureRate) {
		return internalError(), true
	}
	return result{}, false
}

// afterCommit decides whether a handled request is answered, failed or dropped.
func (s *Server) afterCommit(method string) commitFault {
	if method != http.MethodPost && method != http.MethodPatch && method != http.MethodPut {
		return answerNormally
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.rollLocked(s.faults.CommitThenFailRate):
		return failAfterCommit
	case s.rollLocked(s.faults.DropAfterCommitRate):
		return dropAfterCommit
	}
	return answerNormally
}

// internalError is the 500 answer of an injected failure.
func internalError() result {
	return result{status: http.StatusInternalServerError, body: errorBody{Error: "Internal server error"}}
}

// rollLocked reports whether an event of the given probability happens.
// Probabilities of 0 and 1 are decided without consuming randomness.
func (s *Server) rollLocked(rate float64) bool {
	switch {
	case rate <= 0:
		return false
	case rate >= 1:
		return true
	}
	return s.rng.Float64() < rate
}

// newRand returns the seeded source used for fault decisions.
func newRand(seed int64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), uint64(seed))) //nolint:gosec // G404: fault decisions must repeat for a seed; nothing here is secret.
}

// sleep waits for d, and reports false if ctx ended first.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// tokenBucket enforces a rate limit; a zero rate is unlimited.
type tokenBucket struct {
	rate, burst, tokens float64
	last                time.Time
}

// newTokenBucket returns a full bucket for rate requests per second.
func newTokenBucket(rate float64) tokenBucket {
	burst := max(1, math.Ceil(rate))
	return tokenBucket{rate: rate, burst: burst, tokens: burst}
}

// take consumes a token at now. When none is left it reports how long it
// will be until one is.
func (b *tokenBucket) take(now time.Time) (time.Duration, bool) {
	if b.rate <= 0 {
		return 0, true
	}
	if !b.last.IsZero() {
		b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	}
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return 0, true
	}
	return time.Duration((1 - b.tokens) / b.rate * float64(time.Second)), false
}

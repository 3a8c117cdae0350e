package bench

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestForEachCallsEveryIndexOnceWithBoundedConcurrency(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	seen := make(map[int]int)
	var running, peak atomic.Int64
	err := forEach(context.Background(), 3, 20, func(_ context.Context, i int) error {
		n := running.Add(1)
		defer running.Add(-1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		time.Sleep(time.Millisecond)
		mu.Lock()
		defer mu.Unlock()
		seen[i]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		if seen[i] != 1 {
			t.Errorf("index %d called %d times", i, seen[i])
		}
	}
	if peak.Load() > 3 {
		t.Errorf("%d calls at once, want at most 3", peak.Load())
	}
}

func TestForEachStopsAtTheFirstError(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	var calls atomic.Int64
	err := forEach(context.Background(), 1, 10, func(_ context.Context, i int) error {
		calls.Add(1)
		if i == 2 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || calls.Load() != 3 {
		t.Errorf("forEach = %v after %d calls, want boom after 3", err, calls.Load())
	}
}

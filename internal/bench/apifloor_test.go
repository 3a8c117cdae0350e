package bench

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
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

func TestOrderedFloorSendsEachConversationsMessagesInSequence(t *testing.T) {
	t.Parallel()
	size := Size{Conversations: 4, MessagesPer: 5}
	for group, indexes := range conversationsByGroup(t, runFloor(t, (*floorClient).ordered, size), size) {
		if want := groupIndexes(group, size); !slices.Equal(indexes, want) {
			t.Errorf("conversation %d holds messages %v in this order, want %v", group, indexes, want)
		}
	}
}

func TestUnorderedFloorSendsEveryMessageToItsConversation(t *testing.T) {
	t.Parallel()
	size := Size{Conversations: 3, MessagesPer: 4}
	for group, indexes := range conversationsByGroup(t, runFloor(t, (*floorClient).unordered, size), size) {
		if want := groupIndexes(group, size); !slices.Equal(slices.Sorted(slices.Values(indexes)), want) {
			t.Errorf("conversation %d holds messages %v, want %v in any order", group, indexes, want)
		}
	}
}

// conversationsByGroup returns the indexes of the messages the sandbox
// holds, in the order of their ids, by the conversation of the size they
// belong to (index / MessagesPer), and fails unless every conversation of
// the size is one conversation in the sandbox that holds its messages only.
func conversationsByGroup(t *testing.T, state sandbox.State, size Size) map[int][]int {
	t.Helper()
	byID := make(map[int64][]int)
	for _, m := range state.Messages { // sorted by id
		var index int
		if _, err := fmt.Sscanf(m.Content, messagePrefix+"%d", &index); err != nil {
			t.Fatalf("message %d holds %q", m.ID, m.Content)
		}
		byID[m.ConversationID] = append(byID[m.ConversationID], index)
	}
	byGroup := make(map[int][]int)
	for id, indexes := range byID {
		group := indexes[0] / size.MessagesPer
		if _, taken := byGroup[group]; taken || slices.ContainsFunc(indexes, func(i int) bool { return i/size.MessagesPer != group }) {
			t.Fatalf("conversation %d holds messages %v of another conversation", id, indexes)
		}
		byGroup[group] = indexes
	}
	if len(byGroup) != size.Conversations {
		t.Fatalf("%d conversations hold messages, want %d", len(byGroup), size.Conversations)
	}
	return byGroup
}

// groupIndexes are the indexes of the messages of conversation group of
// the size, in order.
func groupIndexes(group int, size Size) []int {
	indexes := make([]int, size.MessagesPer)
	for position := range indexes {
		indexes[position] = group*size.MessagesPer + position
	}
	return indexes
}

// runFloor runs floor for size, two conversations at a time, against a
// new sandbox with some latency, checks that it sent exactly size's
// creates, and returns what the sandbox holds.
func runFloor(t *testing.T, floor func(*floorClient, context.Context, Size, int) error, size Size) sandbox.State {
	t.Helper()
	instance, err := sandbox.Start("127.0.0.1:0", sandbox.Options{
		Inboxes: []sandbox.Inbox{{ID: inboxID, Name: "Benchmark API"}},
		Faults:  sandbox.Faults{Latency: 2 * time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = instance.Close() })
	contact, err := instance.Server.AddContact(sandbox.ContactInput{Name: "Benchmark Customer"})
	if err != nil {
		t.Fatal(err)
	}
	f, closeIdle, err := newFloorClient(instance.URL, contact.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer closeIdle()
	if err := floor(f, t.Context(), size, 2); err != nil {
		t.Fatal(err)
	}
	state := instance.Server.Snapshot()
	if !sendsExactlyTheCreates(Measurement{Requests: state.Requests}, size) {
		t.Errorf("requests %v, want the creates of %s", state.Requests, size)
	}
	return state
}

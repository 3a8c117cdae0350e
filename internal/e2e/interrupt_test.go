package e2e

import (
	"bytes"
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// TestInterruptLeavesNothingOrphaned interrupts an apply of 100 messages
// (SIGINT to Terraform's process group, as Ctrl-C in a terminal does) once
// the sandbox holds some of them. Every answer is slow to arrive after the
// sandbox has committed, so creates are in flight when the signal comes.
// Afterwards every object the sandbox holds must be in the state, and a
// second apply must create exactly the rest.
func TestInterruptLeavesNothingOrphaned(t *testing.T) {
	const messages, interruptAt = 100, 20
	s := newStack(t, sandbox.Options{}, 300*time.Millisecond, nil)
	s.writeConfig(t, defaultCredentials, s.conversationWithMessages(messages))

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := s.ws.Command(ctx, applyArgs()...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	waitForMessages(t, s.server, interruptAt, exited, &out)
	if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if err := <-exited; err == nil {
		t.Fatalf("the interrupted apply succeeded:\n%s", tail(out.String()))
	}

	before := s.server.Snapshot()
	if n := len(before.Messages); n == 0 || n == messages {
		t.Fatalf("the interrupt left %d of %d messages: the test needs some but not all", n, messages)
	}
	s.requireStateMatchesSandbox(t)
	if got := before.Requests[postMessages]; got != len(before.Messages) {
		t.Errorf("%d message requests for %d messages in the sandbox", got, len(before.Messages))
	}

	s.apply(t)
	after := s.server.Snapshot()
	requireEachMessageOnce(t, after, messages)
	s.requireStateMatchesSandbox(t)
	if sent := after.Requests[postMessages] - before.Requests[postMessages]; sent != messages-len(before.Messages) {
		t.Errorf("the second apply sent %d messages, want the %d missing", sent, messages-len(before.Messages))
	}
	if got := after.Requests[postConversations]; got != 1 {
		t.Errorf("the conversation was created %d times, want once", got)
	}
	t.Logf("interrupted after %d messages (signal at %d); the second apply created %d; %d in all",
		len(before.Messages), interruptAt, len(after.Messages)-len(before.Messages), len(after.Messages))
}

// waitForMessages returns once the sandbox holds at least n messages, and
// fails the test if the command exits first.
func waitForMessages(t *testing.T, server *sandbox.Server, n int, exited <-chan error, out *bytes.Buffer) {
	t.Helper()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for len(server.Snapshot().Messages) < n {
		select {
		case err := <-exited:
			t.Fatalf("apply ended (%v) before the sandbox held %d messages:\n%s", err, n, tail(out.String()))
		case <-tick.C:
		}
	}
}

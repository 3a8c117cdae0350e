package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

func TestInspectMode(t *testing.T) {
	inst, err := sandbox.Start("127.0.0.1:0", sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = inst.Close() }()
	if _, err := inst.Server.AddContact(sandbox.ContactInput{Name: "Listed"}); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-inspect", inst.URL}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), `"Listed"`) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
	if code := run([]string{"-inspect", inst.URL + "/missing"}, &stdout, &stderr); code == 0 {
		t.Error("inspecting a wrong URL exited 0")
	}
}

func TestBadFlags(t *testing.T) {
	var stdout, stderr bytes.Buffer
	for _, args := range [][]string{{"-failure-rate", "2"}, {"-no-such-flag"}, {"-addr", "256.0.0.1:1"}} {
		if code := run(args, &stdout, &stderr); code == 0 {
			t.Errorf("%v exited 0", args)
		}
	}
}

func TestServeUntilSignal(t *testing.T) {
	ready := filepath.Join(t.TempDir(), "ready.env")
	var stdout, stderr bytes.Buffer
	done := make(chan int)
	go func() {
		done <- run([]string{"-addr", "127.0.0.1:0", "-ready-file", ready, "-latency", "1ms"}, &stdout, &stderr)
	}()

	var env []byte
	for deadline := time.Now().Add(5 * time.Second); len(env) == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no ready file")
		}
		env, _ = os.ReadFile(ready)
	}
	lines := strings.Split(strings.TrimSpace(string(env)), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "LIVEDESK_BASE_URL=http://127.0.0.1:") ||
		lines[1] != "LIVEDESK_API_KEY=sandbox-key" || lines[2] != "LIVEDESK_API_SECRET=sandbox-secret" || lines[3] != "LIVEDESK_INBOX_ID=1" {
		t.Errorf("ready file = %q", env)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 || stdout.String() != string(env) {
			t.Errorf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no shutdown after SIGTERM")
	}
}

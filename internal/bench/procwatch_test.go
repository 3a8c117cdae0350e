package bench

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

const (
	statusText = "Name:\tterraform-provi\nVmPeak:\t 1290000 kB\nVmHWM:\t   31744 kB\nVmRSS:\t   30000 kB\n"
	// statText has utime 120 and stime 30 ticks: 1.5 s of CPU.
	statText = "4242 (terraform-pr) x) S 4200 4200 7814 0 -1 4194304 99 0 0 0 120 30 0 0 20 0 12 0 262595 3133440 359\n"
)

func TestParseVmHWM(t *testing.T) {
	t.Parallel()
	if kib, ok := parseVmHWM(statusText); !ok || kib != 31744 {
		t.Errorf("parseVmHWM = %d, %v; want 31744", kib, ok)
	}
	for _, text := range []string{"", "Name:\tkthreadd\n", "VmHWM:\t 12 MB\n", "VmHWM:\t many kB\n"} {
		if kib, ok := parseVmHWM(text); ok {
			t.Errorf("parseVmHWM(%q) = %d", text, kib)
		}
	}
}

func TestParseCPUTime(t *testing.T) {
	t.Parallel()
	if cpu, ok := parseCPUTime(statText); !ok || cpu != 1500*time.Millisecond {
		t.Errorf("parseCPUTime = %s, %v; want 1.5s", cpu, ok)
	}
	for _, text := range []string{"", "4242 terraform S 1 2 3", "4242 (x) S 1 2 3 4 5 6 7 8 9 10\n", "4242 (x) S 1 2 3 4 5 6 7 8 9 10 ten 0\n"} {
		if cpu, ok := parseCPUTime(text); ok {
			t.Errorf("parseCPUTime(%q) = %s", text, cpu)
		}
	}
}

func TestScanProcessesRecordsOnlyTheBinarysHighestValues(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	binary := "/plugins/terraform-provider-livedesk"
	fakeProcess(t, root, "101", binary)
	fakeProcess(t, root, "102", "/usr/bin/terraform")
	fakeProcess(t, root, "self", binary) // not a PID
	seen := map[int]processSample{101: {peakKiB: 40000, cpu: time.Second}}
	scanProcesses(root, binary, seen)
	if want := (processSample{peakKiB: 40000, cpu: 1500 * time.Millisecond}); len(seen) != 1 || seen[101] != want {
		t.Errorf("seen = %v, want 101 only with %v", seen, want)
	}
	seen[103] = processSample{peakKiB: 20000, cpu: time.Second}
	if got, want := summarize(seen), (ProcessStats{Processes: 2, PeakRSSKiB: 40000, CPU: 2500 * time.Millisecond}); got != want {
		t.Errorf("summarize = %+v, want %+v", got, want)
	}
}

func TestWatchProcessesScansUntilStopped(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	fakeProcess(t, root, "7", "/bin/provider")
	if got, want := watchProcesses(root, "/bin/provider").stop(), (ProcessStats{Processes: 1, PeakRSSKiB: 31744, CPU: 1500 * time.Millisecond}); got != want {
		t.Errorf("stop = %+v, want %+v", got, want)
	}
}

// fakeProcess writes root/pid/exe (a symbolic link to exe), root/pid/status
// and root/pid/stat, as /proc shows a process.
func fakeProcess(t *testing.T, root, pid, exe string) {
	t.Helper()
	dir := filepath.Join(root, pid)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(exe, filepath.Join(dir, "exe")); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"status": statusText, "stat": statText} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

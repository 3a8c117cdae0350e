package bench

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// procInterval is how often /proc is polled for provider processes. What a
// process does after its last poll is missed: up to this much CPU time and
// any later rise of its peak memory. A process that lives less than this
// may be missed entirely. A scan costs about half a millisecond of CPU,
// some 3% of one core at this interval, alike in every run measured.
const procInterval = 20 * time.Millisecond

// userHZ is the unit of the CPU times in /proc/PID/stat: clock ticks of
// 1/100 s, fixed by the Linux ABI whatever the kernel's own tick rate.
const userHZ = 100

// ProcessStats describes the provider processes seen during a phase.
type ProcessStats struct {
	// Processes is how many distinct provider processes were seen:
	// Terraform starts the provider anew for each of its walks.
	Processes int `json:"processes"`
	// PeakRSSKiB is the highest peak resident set size (VmHWM) any of them
	// reached, in KiB.
	PeakRSSKiB int64 `json:"peak_rss_kib"`
	// CPU is the user and system time they used, as last seen; it is also
	// counted in the phase's CPU, which includes Terraform's.
	CPU time.Duration `json:"cpu_ns"`
}

// processSample is what one poll saw of one process.
type processSample struct {
	peakKiB int64
	cpu     time.Duration
}

// procWatcher polls /proc, from start until stop, for the processes that
// run one binary and records their peak memory and CPU time.
type procWatcher struct {
	stopc chan struct{}
	done  chan ProcessStats
}

// watchProcesses starts polling procRoot (normally /proc) for processes
// whose executable is binary, an absolute path without symbolic links.
func watchProcesses(procRoot, binary string) *procWatcher {
	w := &procWatcher{stopc: make(chan struct{}), done: make(chan ProcessStats, 1)}
	go func() {
		seen := make(map[int]processSample)
		ticker := time.NewTicker(procInterval)
		defer ticker.Stop()
		for {
			scanProcesses(procRoot, binary, seen)
			select {
			case <-w.stopc:
				w.done <- summarize(seen)
				return
			case <-ticker.C:
			}
		}
	}()
	return w
}

// stop ends the polling after one last scan and returns what was seen.
func (w *procWatcher) stop() ProcessStats {
	close(w.stopc)
	return <-w.done
}

// scanProcesses records in seen (by PID) the peak memory and CPU time of
// every process under procRoot whose executable is binary, keeping the
// highest values seen. Processes that vanish or belong to other users are
// skipped.
func scanProcesses(procRoot, binary string, seen map[int]processSample) {
	entries, err := os.ReadDir(procRoot)
	if err != nil {
		return
	}
	for _, entry := range entries {
		pid, err := strconv.Atoi(entry.Name())
		if err != nil {
			continue
		}
		dir := filepath.Join(procRoot, entry.Name())
		if exe, err := os.Readlink(filepath.Join(dir, "exe")); err != nil || exe != binary {
			continue
		}
		status, statusErr := os.ReadFile(filepath.Join(dir, "status")) //nolint:gosec // a path under /proc built from a PID
		stat, statErr := os.ReadFile(filepath.Join(dir, "stat"))       //nolint:gosec // a path under /proc built from a PID
		if statusErr != nil || statErr != nil {
			continue
		}
		kib, okKiB := parseVmHWM(string(status))
		cpu, okCPU := parseCPUTime(string(stat))
		if !okKiB || !okCPU {
			continue
		}
		prev := seen[pid]
		seen[pid] = processSample{peakKiB: max(prev.peakKiB, kib), cpu: max(prev.cpu, cpu)}
	}
}

// summarize turns the samples by PID into ProcessStats.
func summarize(seen map[int]processSample) ProcessStats {
	stats := ProcessStats{Processes: len(seen)}
	for _, sample := range seen {
		stats.PeakRSSKiB = max(stats.PeakRSSKiB, sample.peakKiB)
		stats.CPU += sample.cpu
	}
	return stats
}

// parseVmHWM returns the VmHWM line of a /proc/PID/status text
// ("VmHWM:	   12345 kB"), in KiB.
func parseVmHWM(status string) (int64, bool) {
	scanner := bufio.NewScanner(strings.NewReader(status))
	for scanner.Scan() {
		value, found := strings.CutPrefix(scanner.Text(), "VmHWM:")
		if !found {
			continue
		}
		number, unit, _ := strings.Cut(strings.TrimSpace(value), " ")
		kib, err := strconv.ParseInt(number, 10, 64)
		if err != nil || unit != "kB" {
			return 0, false
		}
		return kib, true
	}
	return 0, false
}

// parseCPUTime returns utime + stime (fields 14 and 15) of a /proc/PID/stat
// text. The fields are counted after the command name, which is in
// parentheses and may itself hold spaces and parentheses.
func parseCPUTime(stat string) (time.Duration, bool) {
	end := strings.LastIndexByte(stat, ')')
	if end < 0 {
		return 0, false
	}
	// After ") " come field 3 (state), 4, ...: utime is the 12th.
	fields := strings.Fields(stat[end+1:])
	if len(fields) < 13 {
		return 0, false
	}
	utime, errU := strconv.ParseInt(fields[11], 10, 64)
	stime, errS := strconv.ParseInt(fields[12], 10, 64)
	if errU != nil || errS != nil {
		return 0, false
	}
	return time.Duration(utime+stime) * time.Second / userHZ, true
}

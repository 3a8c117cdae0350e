package bench

import (
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// meter measures phases against one sandbox, watching for one provider
// binary.
type meter struct {
	server *sandbox.Server
	// procRoot is where processes are looked for, normally /proc.
	procRoot string
	// providerBinary is the provider's absolute path, without symbolic
	// links, as /proc/PID/exe shows it.
	providerBinary string
}

// measure runs fn, which returns the CPU time it can account for, and
// records its wall time, the requests and connections the sandbox counted
// meanwhile, and the provider processes that ran.
func (m *meter) measure(fn func() (time.Duration, error)) (Measurement, error) {
	before := m.server.Snapshot()
	watcher := watchProcesses(m.procRoot, m.providerBinary)
	start := time.Now()
	cpu, err := fn()
	wall := time.Since(start)
	processes := watcher.stop()
	if err != nil {
		return Measurement{}, err
	}
	after := m.server.Snapshot()
	return Measurement{
		Wall:        wall,
		CPU:         cpu,
		Requests:    requestDelta(before.Requests, after.Requests),
		Connections: after.Connections - before.Connections,
		Provider:    processes,
	}, nil
}

package bench

import (
	"time"
)

// Results is everything one benchmark run measured; it is what the JSON
// file holds.
type Results struct {
	Started          time.Time     `json:"started"`
	Latency          time.Duration `json:"latency_ns"`
	Parallelism      int           `json:"parallelism"`
	TerraformVersion string        `json:"terraform_version"`
	GoVersion        string        `json:"go_version"`
	CPUs             int           `json:"cpus"`
	// LogEnv are the TF_LOG* variables Terraform and the provider ran
	// with, which change what logging costs.
	LogEnv map[string]string `json:"tf_log_env"`
	Sizes  []SizeResult      `json:"sizes"`
	// Total is the wall time of the whole run, builds included.
	Total time.Duration `json:"total_ns"`
}

// SizeResult is what one size of the matrix measured.
type SizeResult struct {
	Size Size `json:"size"`
	// Provider is apply, refresh-only plan and destroy with the provider.
	Provider Phases `json:"provider"`
	// APIFloor is the same creates sent by internal/livedesk directly.
	APIFloor Measurement `json:"api_floor"`
	// TerraformFloor is apply, refresh-only plan and destroy of as many
	// terraform_data resources.
	TerraformFloor Phases `json:"terraform_floor"`
	// ApplyRatio is the provider's apply time over the sum of both floors'.
	ApplyRatio float64 `json:"apply_ratio"`
}

// Phases are the measurements of the three Terraform commands.
type Phases struct {
	Apply   Measurement `json:"apply"`
	Refresh Measurement `json:"refresh"`
	Destroy Measurement `json:"destroy"`
}

// Measurement is what one run of one phase cost.
type Measurement struct {
	Wall time.Duration `json:"wall_ns"`
	// CPU is the user and system time of Terraform and of every plugin it
	// started. It is zero for the API floor, which runs in this process
	// beside the sandbox.
	CPU time.Duration `json:"cpu_ns"`
	// Requests are the API requests the sandbox received, by endpoint
	// ("METHOD /route/{id}").
	Requests map[string]int `json:"requests"`
	// Connections is the number of TCP connections the sandbox accepted.
	Connections int64 `json:"connections"`
	// Provider describes the provider processes seen during the phase.
	Provider ProcessStats `json:"provider"`
}

// TotalRequests is the number of API requests of the measurement.
func (m Measurement) TotalRequests() int {
	total := 0
	for _, n := range m.Requests {
		total += n
	}
	return total
}

// applyRatio is the provider's apply time over the floors' (a) + (b), or 0
// when the floors took no time.
func applyRatio(r SizeResult) float64 {
	floor := floorsWall(r)
	if floor <= 0 {
		return 0
	}
	return float64(providerApplyWall(r)) / float64(floor)
}

// requestDelta returns the requests counted in after and not in before,
// by endpoint, without the endpoints that received none in between.
func requestDelta(before, after map[string]int) map[string]int {
	delta := make(map[string]int)
	for endpoint, n := range after {
		if d := n - before[endpoint]; d > 0 {
			delta[endpoint] = d
		}
	}
	return delta
}

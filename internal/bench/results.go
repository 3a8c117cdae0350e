package bench

import (
	"fmt"
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
	// Sizes is the matrix, every size in both layouts.
	Sizes []SizeResult `json:"sizes"`
	// TranscriptsOnly are the sizes measured as transcripts alone, such as
	// one long conversation.
	TranscriptsOnly []LayoutResult `json:"transcripts_only"`
	// Inbox are the inbox sizes, with a contact per conversation, in both
	// inbox layouts.
	Inbox []InboxSizeResult `json:"inbox,omitempty"`
	// Total is the wall time of the whole run, builds included.
	Total time.Duration `json:"total_ns"`
}

// SizeResult is what one size of the matrix measured, in both layouts.
type SizeResult struct {
	Size       Size         `json:"size"`
	Separate   LayoutResult `json:"separate_resources"`
	Transcript LayoutResult `json:"transcripts"`
}

// in is the size's result in layout.
func (s SizeResult) in(layout Layout) LayoutResult {
	if layout == Transcripts {
		return s.Transcript
	}
	return s.Separate
}

// LayoutResult is what one size measured in one layout.
type LayoutResult struct {
	Size   Size   `json:"size"`
	Layout Layout `json:"layout"`
	// Provider is apply, no-change plan, refresh-only plan and destroy with
	// the provider.
	Provider Phases `json:"provider"`
	// APIFloor is the same creates sent by internal/livedesk directly, in
	// the order the layout allows: any order for separate resources, each
	// conversation's in sequence for transcripts.
	APIFloor Measurement `json:"api_floor"`
	// TerraformFloor is apply, no-change plan, refresh-only plan and destroy
	// of as many terraform_data resources as the layout has resources.
	TerraformFloor Phases `json:"terraform_floor"`
	// ApplyRatio is the provider's apply time over the sum of both floors'.
	ApplyRatio float64 `json:"apply_ratio"`
	// SandboxContacts is how many contacts the sandbox held after the
	// provider's phases: the pages a walk through the contact list reads.
	SandboxContacts int `json:"sandbox_contacts"`
	// OrderProblem says which conversation the provider's apply left with
	// messages out of order, or is "" (not checked for separate resources,
	// which have no order).
	OrderProblem string `json:"order_problem,omitempty"`
}

// Resources is how many Terraform resources the run had.
func (r LayoutResult) Resources() int { return r.Layout.Resources(r.Size) }

// Name is the size and layout, e.g. "20x4 transcripts".
func (r LayoutResult) Name() string { return fmt.Sprintf("%s %s", r.Size, r.Layout) }

// Runs are every size in every layout measured, in the order measured.
func (r *Results) Runs() []LayoutResult {
	runs := make([]LayoutResult, 0, 2*len(r.Sizes)+len(r.TranscriptsOnly))
	for _, s := range r.Sizes {
		runs = append(runs, s.Separate, s.Transcript)
	}
	return append(runs, r.TranscriptsOnly...)
}

// matrix is the matrix's sizes in one layout.
func (r *Results) matrix(layout Layout) []LayoutResult {
	runs := make([]LayoutResult, 0, len(r.Sizes))
	for _, s := range r.Sizes {
		runs = append(runs, s.in(layout))
	}
	return runs
}

// Phases are the measurements of the Terraform commands of a run, in the
// order phases runs them.
type Phases struct {
	Apply Measurement `json:"apply"`
	// Plan is a plan right after the apply, which must find no change.
	Plan Measurement `json:"plan"`
	// Refresh is a refresh-only plan, which must find no change either.
	Refresh Measurement `json:"refresh"`
	Destroy Measurement `json:"destroy"`
}

// peakRSSKiB is the provider's peak resident memory over every phase.
func (p Phases) peakRSSKiB() int64 {
	return max(p.Apply.Provider.PeakRSSKiB, p.Plan.Provider.PeakRSSKiB, p.Refresh.Provider.PeakRSSKiB, p.Destroy.Provider.PeakRSSKiB)
}

// Measurement is what one run of one phase cost.
type Measurement struct {
	Wall time.Duration `json:"wall_ns"`
	// CPU is the user and system time of Terraform and of every plugin it
	// started. It is zero for the API floor, which runs in this process
	// beside the sandbox.
	CPU time.Duration `json:"cpu_ns"`
	// Requests are the API requests the sandbox received, by endpoint
	// (sandbox.State.Requests' keys, such as "POST /api/v2/accounts/conversations").
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
func applyRatio(r LayoutResult) float64 {
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

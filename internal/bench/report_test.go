package bench

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sampleResults is a two-size run in which the provider behaves as
// expected.
func sampleResults() *Results {
	size := func(s Size, apply, floorA, floorB time.Duration) SizeResult {
		creates := map[string]int{createConversation: s.Conversations, createMessage: s.Messages()}
		r := SizeResult{
			Size: s,
			Provider: Phases{
				Apply:   Measurement{Wall: apply, CPU: apply / 2, Requests: creates, Connections: 10, Provider: ProcessStats{Processes: 4, PeakRSSKiB: 30 * 1024, CPU: apply / 4}},
				Refresh: Measurement{Wall: time.Second, CPU: time.Second / 2, Requests: map[string]int{}, Provider: ProcessStats{Processes: 3, PeakRSSKiB: 25 * 1024}},
				Destroy: Measurement{Wall: time.Second, Requests: map[string]int{"POST /api/v2/accounts/conversations/{id}/toggle_status": s.Conversations}, Connections: 10},
			},
			APIFloor:       Measurement{Wall: floorA, Requests: creates, Connections: 10},
			TerraformFloor: Phases{Apply: Measurement{Wall: floorB}},
		}
		r.ApplyRatio = applyRatio(r)
		return r
	}
	r := &Results{
		Latency: 20 * time.Millisecond, Parallelism: 10, LogEnv: map[string]string{"TF_LOG_SDK": "off"}, TerraformVersion: "1.5.7", GoVersion: "go1.26.8", CPUs: 2, Total: time.Minute,
		Sizes: []SizeResult{
			size(Size{20, 4}, 2*time.Second, 200*time.Millisecond, 800*time.Millisecond),
			size(Size{100, 4}, 6*time.Second, time.Second, 4*time.Second),
		},
	}
	return r
}

func TestWriteMarkdown(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	if err := WriteMarkdown(&b, sampleResults()); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"Terraform 1.5.7, go1.26.8, 2 CPUs; sandbox latency 20ms per request; -parallelism 10; TF_LOG_SDK=off; the run took 1m0s.",
		"| 20x4 | provider | apply | 2.00 s | 1.00 s (0.50 s) | POST conversations: 20<br>POST conversations/{id}/messages: 80 | 1.00 | 10 | 4 | 30.0 MiB |",
		"| 20x4 | provider | refresh-only plan | 1.00 s | 0.50 s (0.00 s) | none | 0.00 | 0 | 3 | 25.0 MiB |",
		"| 20x4 | provider | destroy | 1.00 s | — | POST conversations/{id}/toggle_status: 20 | 0.20 | 10 | — | — |",
		"| 20x4 | 100 | 2.00 s | 0.20 s | 0.80 s | 1.00 s | 2.00 | 1.00 s (10.0 ms / resource) |",
		"| series | 20x4 (100 resources) | 100x4 (500 resources) | growth 20x4 → 100x4 (resources ×5.00) |",
		"| provider apply | 2.00 s (20.0 ms / resource) | 6.00 s (12.0 ms / resource) | ×3.00 |",
		"- Exactly one API request per create: **yes**. 20x4: 100 requests for 100 creates; 100x4: 500 requests for 500 creates.",
		"- Zero API requests on refresh: **yes**.",
		"- One connection pool (apply opens at most -parallelism connections): **yes**. 20x4: 10 connections for 100 requests (API floor: 10);",
		"- Apply time grows linearly with the number of resources: **yes**. From 20x4 to 100x4 the resources grow ×5.00, the provider's apply time ×3.00 and the floors' (a) + (b) ×5.00.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Markdown lacks\n%s\nin\n%s", want, got)
		}
	}
}

func TestCheckShapeFlagsExtraRequestsRefreshRequestsAndConnections(t *testing.T) {
	t.Parallel()
	r := sampleResults()
	apply := &r.Sizes[1].Provider.Apply
	apply.Requests = map[string]int{createConversation: 100, createMessage: 400, "GET /api/v2/accounts/contacts": 1}
	apply.Connections = 400
	r.Sizes[0].Provider.Refresh.Requests = map[string]int{"GET /api/v2/accounts/contacts": 1}
	r.Sizes[1].Provider.Apply.Wall = 20 * time.Second
	for _, c := range checkShape(r) {
		if c.ok {
			t.Errorf("%q passed: %s", c.claim, c.detail)
		}
	}
}

func TestWriteJSONRoundTrips(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "results.json")
	want := sampleResults()
	if err := WriteJSON(path, want); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got Results
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if got.Sizes[1].ApplyRatio != want.Sizes[1].ApplyRatio || got.Sizes[0].Provider.Apply.Requests[createMessage] != 80 ||
		!strings.Contains(string(data), `"latency_ns": 20000000`) {
		t.Errorf("JSON does not round-trip:\n%s", data)
	}
}

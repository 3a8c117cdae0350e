package bench

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// sampleResults is a run of two sizes in both layouts and one long
// transcript, in which the provider behaves as expected.
func sampleResults() *Results {
	both := func(s Size, separate, transcript [3]time.Duration) SizeResult {
		return SizeResult{Size: s, Separate: layoutResult(s, SeparateResources, separate), Transcript: layoutResult(s, Transcripts, transcript)}
	}
	return &Results{
		Latency: 20 * time.Millisecond, Parallelism: 10, LogEnv: map[string]string{"TF_LOG_SDK": "off"}, TerraformVersion: "1.5.7", GoVersion: "go1.26.8", CPUs: 2, Total: time.Minute,
		Sizes: []SizeResult{
			both(Size{20, 4}, [3]time.Duration{2 * time.Second, 200 * time.Millisecond, 800 * time.Millisecond},
				[3]time.Duration{500 * time.Millisecond, 300 * time.Millisecond, 100 * time.Millisecond}),
			both(Size{100, 4}, [3]time.Duration{6 * time.Second, time.Second, 4 * time.Second},
				[3]time.Duration{1500 * time.Millisecond, time.Second, 300 * time.Millisecond}),
		},
		TranscriptsOnly: []LayoutResult{
			layoutResult(Size{1, 1000}, Transcripts, [3]time.Duration{21 * time.Second, 20 * time.Second, 200 * time.Millisecond}),
		},
	}
}

// layoutResult is size in layout as the provider should measure: its apply
// (wall[0]) sends exactly the creates, its no-change plan and its refresh
// nothing, its destroy resolves the conversations; the API floor took
// wall[1] and the terraform_data apply wall[2], its plans less.
func layoutResult(s Size, layout Layout, wall [3]time.Duration) LayoutResult {
	creates := map[string]int{createConversation: s.Conversations, createMessage: s.Messages()}
	apply := wall[0]
	r := LayoutResult{
		Size:   s,
		Layout: layout,
		Provider: Phases{
			Apply:   Measurement{Wall: apply, CPU: apply / 2, Requests: creates, Connections: 10, Provider: ProcessStats{Processes: 4, PeakRSSKiB: 30 * 1024, CPU: apply / 4}},
			Plan:    Measurement{Wall: 800 * time.Millisecond, CPU: 600 * time.Millisecond, Requests: map[string]int{}, Provider: ProcessStats{Processes: 3, PeakRSSKiB: 27 * 1024, CPU: 200 * time.Millisecond}},
			Refresh: Measurement{Wall: time.Second, CPU: time.Second / 2, Requests: map[string]int{}, Provider: ProcessStats{Processes: 3, PeakRSSKiB: 25 * 1024}},
			Destroy: Measurement{Wall: time.Second, Requests: map[string]int{"POST /api/v2/accounts/conversations/{id}/toggle_status": s.Conversations}, Connections: 10},
		},
		APIFloor: Measurement{Wall: wall[1], Requests: creates, Connections: 10},
		TerraformFloor: Phases{Apply: Measurement{Wall: wall[2], CPU: wall[2]}, Plan: Measurement{Wall: 400 * time.Millisecond, CPU: 300 * time.Millisecond},
			Refresh: Measurement{Wall: 350 * time.Millisecond}, Destroy: Measurement{Wall: wall[2]}},
	}
	r.ApplyRatio = applyRatio(r)
	return r
}

func TestWriteMarkdown(t *testing.T) {
	t.Parallel()
	markdownHas(t, sampleResults(), []string{
		"Terraform 1.5.7, go1.26.8, 2 CPUs; sandbox latency 20ms per request; -parallelism 10; TF_LOG_SDK=off; the run took 1m0s.",
		"| 20x4 | separate resources | provider | apply | 2.00 s | 1.00 s (0.50 s) | POST conversations: 20<br>POST conversations/{id}/messages: 80 | 1.00 | 10 | 4 | 30.0 MiB |\n" +
			"| 20x4 | separate resources | provider | no-change plan | 0.80 s | 0.60 s (0.20 s) | none | 0.00 | 0 | 3 | 27.0 MiB |\n" +
			"| 20x4 | separate resources | provider | refresh-only plan | 1.00 s | 0.50 s (0.00 s) | none | 0.00 | 0 | 3 | 25.0 MiB |\n",
		"| 20x4 | separate resources | provider | destroy | 1.00 s | — | POST conversations/{id}/toggle_status: 20 | 0.20 | 10 | — | — |",
		"| 20x4 | separate resources | API floor (a) | create | 0.20 s | — |",
		"| 20x4 | separate resources | terraform_data floor (b) | apply | 0.80 s | 0.80 s | none | 0.00 | 0 | — | — |\n" +
			"| 20x4 | separate resources | terraform_data floor (b) | no-change plan | 0.40 s | 0.30 s | none | 0.00 | 0 | — | — |\n" +
			"| 20x4 | separate resources | terraform_data floor (b) | refresh-only plan | 0.35 s | — | none | 0.00 | 0 | — | — |\n" +
			"| 20x4 | separate resources | terraform_data floor (b) | destroy | 0.80 s | — | none | 0.00 | 0 | — | — |\n",
		"| 20x4 | transcripts | provider | apply | 0.50 s | 0.25 s (0.12 s) | POST conversations: 20<br>POST conversations/{id}/messages: 80 | 5.00 | 10 | 4 | 30.0 MiB |",
		"| 20x4 | transcripts | ordered API floor (a) | create | 0.30 s | — |",
		"| 1x1000 | transcripts | provider | apply | 21.00 s |",
		"| 20x4 | separate resources | 100 | 100 | 2.00 s | 0.20 s | 0.80 s | 1.00 s | 2.00 | 1.00 s (10.0 ms / resource) |",
		"| 20x4 | transcripts | 20 | 100 | 0.50 s | 0.30 s | 0.10 s | 0.40 s | 1.25 | 0.10 s (5.0 ms / resource) |",
		"| 1x1000 | transcripts | 1 | 1001 | 21.00 s | 20.00 s | 0.20 s | 20.20 s | 1.04 | 0.80 s (800.0 ms / resource) |",
		"| series, separate resources | 20x4 (100 resources) | 100x4 (500 resources) | growth 20x4 → 100x4 (resources ×5.00) |",
		"| provider apply | 2.00 s (20.0 ms / resource) | 6.00 s (12.0 ms / resource) | ×3.00 |\n" +
			"| provider no-change plan | 0.80 s (8.0 ms / resource) | 0.80 s (1.6 ms / resource) | ×1.00 |\n" +
			"| provider refresh-only plan | 1.00 s (10.0 ms / resource) |",
		"| series, transcripts | 20x4 (20 resources) | 100x4 (100 resources) | growth 20x4 → 100x4 (resources ×5.00) |",
		"| provider apply | 0.50 s (25.0 ms / resource) | 1.50 s (15.0 ms / resource) | ×3.00 |",
		"- Exactly one API request per create: **yes**. 20x4 separate resources: 100 requests for 100 creates; 20x4 transcripts: 100 requests for 100 creates; " +
			"100x4 separate resources: 500 requests for 500 creates; 100x4 transcripts: 500 requests for 500 creates; 1x1000 transcripts: 1001 requests for 1001 creates.",
		"- Zero API requests on refresh and on a no-change plan: **yes**. 20x4 separate resources: 0 requests on refresh and 0 on a no-change plan for 100 resources; " +
			"20x4 transcripts: 0 requests on refresh and 0 on a no-change plan for 20 resources;",
		"- One connection pool (apply opens at most -parallelism connections): **yes**. 20x4 separate resources: 10 connections for 100 requests (API floor: 10);",
		"- Apply time grows linearly with the number of resources (separate resources): **yes**. From 20x4 to 100x4 the resources grow ×5.00, the provider's apply time ×3.00 and the floors' (a) + (b) ×5.00.",
		"- Apply time grows linearly with the number of resources (transcripts): **yes**. From 20x4 to 100x4 the resources grow ×5.00, the provider's apply time ×3.00",
		"- At 100x4, transcripts apply at least 3× faster than separate resources: **yes**. 20x4: 2.00 s separate, 0.50 s as transcripts, ×4.00; 100x4: 6.00 s separate, 1.50 s as transcripts, ×4.00.",
		"- Transcript apply within 1.3× of the ordered API floor (a) + the terraform_data floor (b) for as many resources: **yes**. 20x4: 0.50 s against 0.30 s + 0.10 s, ×1.25; " +
			"100x4: 1.50 s against 1.00 s + 0.30 s, ×1.15; 1x1000: 21.00 s against 20.00 s + 0.20 s, ×1.04.",
		"- 1x1000 transcript: exactly 1001 requests, none on refresh or on a no-change plan, provider peak RSS under 100.0 MiB: **yes**. " +
			"Apply sent 1001 requests (POST conversations: 1, POST conversations/{id}/messages: 1000), the no-change plan 0, refresh 0; the provider peaked at 30.0 MiB.",
	})
}

// markdownHas writes r as Markdown and fails for each of wants it lacks.
func markdownHas(t *testing.T, r *Results, wants []string) {
	t.Helper()
	var b strings.Builder
	if err := WriteMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range wants {
		if !strings.Contains(b.String(), want) {
			t.Errorf("Markdown lacks\n%s\nin\n%s", want, b.String())
		}
	}
}

func TestCheckShapeFlagsExtraRequestsRefreshRequestsConnectionsAndMissedTargets(t *testing.T) {
	t.Parallel()
	r := sampleResults()
	apply := &r.Sizes[1].Separate.Provider.Apply
	apply.Requests = map[string]int{createConversation: 100, createMessage: 400, "GET /api/v2/accounts/contacts": 1}
	apply.Connections = 400
	r.Sizes[0].Separate.Provider.Refresh.Requests = map[string]int{"GET /api/v2/accounts/contacts": 1}
	r.Sizes[1].Separate.Provider.Apply.Wall = 20 * time.Second
	// 100x4 transcripts: ×14 the 20x4 time, only ×2.86 faster than
	// separate resources, and ×5.4 their floors.
	r.Sizes[1].Transcript.Provider.Apply.Wall = 7 * time.Second
	r.Sizes[1].Transcript.ApplyRatio = applyRatio(r.Sizes[1].Transcript)
	r.TranscriptsOnly[0].Provider.Apply.Requests = map[string]int{createConversation: 1, createMessage: 1001}
	for _, c := range checkShape(r) {
		if c.ok {
			t.Errorf("%q passed: %s", c.claim, c.detail)
		}
	}
}

func TestZeroRequestCheckFailsOnANoChangePlanRequestAlone(t *testing.T) {
	t.Parallel()
	r := sampleResults()
	for _, c := range checkShape(r) {
		if !c.ok {
			t.Fatalf("the expected run fails %q: %s", c.claim, c.detail)
		}
	}
	r.Sizes[1].Transcript.Provider.Plan.Requests = map[string]int{"PATCH /api/v2/accounts/conversations/{id}": 3}
	for _, c := range checkShape(r) {
		zero := c.claim == "Zero API requests on refresh and on a no-change plan"
		if c.ok == zero {
			t.Errorf("%q: ok %v: %s", c.claim, c.ok, c.detail)
		}
		if zero && !strings.Contains(c.detail, "100x4 transcripts: 0 requests on refresh and 3 on a no-change plan for 100 resources") {
			t.Errorf("detail %q does not say which plan sent requests", c.detail)
		}
	}
}

func TestLongTranscriptCheckFailsOnEachMissedTarget(t *testing.T) {
	t.Parallel()
	size := Size{1, 1000}
	for name, spoil := range map[string]func(*LayoutResult){
		"a request too many": func(r *LayoutResult) { r.Provider.Apply.Requests["GET /api/v2/accounts/conversations/{id}"] = 1 },
		"a message missing":  func(r *LayoutResult) { r.Provider.Apply.Requests[createMessage] = 999 },
		"a refresh request":  func(r *LayoutResult) { r.Provider.Refresh.Requests = map[string]int{"GET /x": 1} },
		"a no-change plan request": func(r *LayoutResult) {
			r.Provider.Plan.Requests = map[string]int{"GET /api/v2/accounts/conversations/{id}/messages": 1}
		},
		"no-change plan at 100 MiB": func(r *LayoutResult) { r.Provider.Plan.Provider.PeakRSSKiB = 100 * 1024 },
		"apply at 100 MiB":          func(r *LayoutResult) { r.Provider.Apply.Provider.PeakRSSKiB = 100 * 1024 },
		"refresh at 101 MiB":        func(r *LayoutResult) { r.Provider.Refresh.Provider.PeakRSSKiB = 101 * 1024 },
		"destroy at 200 MiB":        func(r *LayoutResult) { r.Provider.Destroy.Provider.PeakRSSKiB = 200 * 1024 },
	} {
		r := layoutResult(size, Transcripts, [3]time.Duration{21 * time.Second, 20 * time.Second, 200 * time.Millisecond})
		if c := checkLongTranscript(r); !c.ok {
			t.Fatalf("the expected run fails: %s", c.detail)
		}
		spoil(&r)
		if c := checkLongTranscript(r); c.ok {
			t.Errorf("%s: passed: %s", name, c.detail)
		}
	}
}

func TestSpeedupIsHeldAtTheLargestSize(t *testing.T) {
	t.Parallel()
	r := sampleResults()
	// 20x4 only ×2 faster: the target is for the largest size.
	r.Sizes[0].Transcript.Provider.Apply.Wall = time.Second
	check, ok := checkSpeedup(r.Sizes)
	if !ok || !check.ok || !strings.Contains(check.claim, "At 100x4") || !strings.Contains(check.detail, "20x4: 2.00 s separate, 1.00 s as transcripts, ×2.00") {
		t.Errorf("checkSpeedup = %+v, %v", check, ok)
	}
	if _, ok := checkSpeedup(nil); ok {
		t.Error("checkSpeedup of no size made a check")
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
	if got.Sizes[1].Transcript.ApplyRatio != want.Sizes[1].Transcript.ApplyRatio || got.Sizes[0].Separate.Provider.Apply.Requests[createMessage] != 80 ||
		!reflect.DeepEqual(got.Sizes[0].Separate.Provider.Plan, want.Sizes[0].Separate.Provider.Plan) || got.Sizes[0].Separate.TerraformFloor.Plan.Wall != 400*time.Millisecond ||
		!strings.Contains(string(data), `"plan": {`) ||
		got.TranscriptsOnly[0].Layout != Transcripts || got.TranscriptsOnly[0].Size != (Size{1, 1000}) ||
		!strings.Contains(string(data), `"latency_ns": 20000000`) {
		t.Errorf("JSON does not round-trip:\n%s", data)
	}
}

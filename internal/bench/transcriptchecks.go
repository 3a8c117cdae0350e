package bench

import (
	"fmt"
	"strings"
)

// Targets of the transcript layout.
const (
	// transcriptSpeedup is how many times faster than separate resources
	// transcripts must apply, at the matrix's largest size.
	transcriptSpeedup = 3.0
	// transcriptFloorRatio is the most a transcript apply may take over
	// the ordered API floor plus the terraform_data floor.
	transcriptFloorRatio = 1.3
	// transcriptPeakRSSKiB is the provider's peak memory a transcript-only
	// size must stay under, in every phase.
	transcriptPeakRSSKiB = 100 * 1024
)

// checkTranscripts checks the transcript layout's targets: faster than
// separate resources at the matrix's largest size, close to its floors at
// every size, and for every transcript-only size (one long conversation)
// exactly its creates, no request on refresh or on a no-change plan and
// bounded memory.
func checkTranscripts(r *Results) []shapeCheck {
	var checks []shapeCheck
	if speedup, ok := checkSpeedup(r.Sizes); ok {
		checks = append(checks, speedup)
	}
	transcripts := append(r.matrix(Transcripts), r.TranscriptsOnly...)
	if len(transcripts) > 0 {
		checks = append(checks, checkTranscriptFloor(transcripts))
	}
	for _, run := range r.TranscriptsOnly {
		checks = append(checks, checkLongTranscript(run))
	}
	return checks
}

// checkSpeedup compares the apply times of the two layouts at every size
// and holds the largest to the target; false when there is no size.
func checkSpeedup(sizes []SizeResult) (shapeCheck, bool) {
	if len(sizes) == 0 {
		return shapeCheck{}, false
	}
	largest := sizes[0]
	details := make([]string, 0, len(sizes))
	for _, s := range sizes {
		if s.Size.Creates() > largest.Size.Creates() {
			largest = s
		}
		details = append(details, fmt.Sprintf("%s: %s separate, %s as transcripts, ×%.2f",
			s.Size, seconds(providerApplyWall(s.Separate)), seconds(providerApplyWall(s.Transcript)), speedup(s)))
	}
	return shapeCheck{
		claim:  fmt.Sprintf("At %s, transcripts apply at least %.0f× faster than separate resources", largest.Size, transcriptSpeedup),
		ok:     speedup(largest) >= transcriptSpeedup,
		detail: strings.Join(details, "; ") + ".",
	}, true
}

// speedup is how many times faster the size applied as transcripts than
// as separate resources, or 0 when the transcripts took no time.
func speedup(s SizeResult) float64 {
	transcript := providerApplyWall(s.Transcript)
	if transcript <= 0 {
		return 0
	}
	return float64(providerApplyWall(s.Separate)) / float64(transcript)
}

// checkTranscriptFloor holds every transcript apply to the ordered API
// floor plus Terraform's floor for as many resources.
func checkTranscriptFloor(runs []LayoutResult) shapeCheck {
	check := shapeCheck{
		claim: fmt.Sprintf("Transcript apply within %.1f× of the ordered API floor (a) + the terraform_data floor (b) for as many resources", transcriptFloorRatio),
		ok:    true,
	}
	details := make([]string, 0, len(runs))
	for _, run := range runs {
		check.ok = check.ok && run.ApplyRatio <= transcriptFloorRatio
		details = append(details, fmt.Sprintf("%s: %s against %s + %s, ×%.2f", run.Size,
			seconds(providerApplyWall(run)), seconds(run.APIFloor.Wall), seconds(run.TerraformFloor.Apply.Wall), run.ApplyRatio))
	}
	check.detail = strings.Join(details, "; ") + "."
	return check
}

// checkLongTranscript holds a transcript-only size to its creates and no
// more, no request on refresh or on a no-change plan, and the provider's
// memory bound in every phase.
func checkLongTranscript(run LayoutResult) shapeCheck {
	apply, plan, refresh := run.Provider.Apply, run.Provider.Plan.TotalRequests(), run.Provider.Refresh.TotalRequests()
	peak := run.Provider.peakRSSKiB()
	return shapeCheck{
		claim: fmt.Sprintf("%s transcript: exactly %d requests, none on refresh or on a no-change plan, provider peak RSS under %s",
			run.Size, run.Size.Creates(), mebibytes(transcriptPeakRSSKiB)),
		ok: sendsExactlyTheCreates(apply, run.Size) && plan == 0 && refresh == 0 && peak < transcriptPeakRSSKiB,
		detail: fmt.Sprintf("Apply sent %d requests (%s), the no-change plan %d, refresh %d; the provider peaked at %s.",
			apply.TotalRequests(), strings.ReplaceAll(endpoints(apply.Requests), "<br>", ", "), plan, refresh, mebibytes(peak)),
	}
}

package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"time"
)

// endpointPrefix is left out of endpoint names in the Markdown tables.
const endpointPrefix = "/api/v2/accounts/"

// WriteJSON writes the results, indented, to path.
func WriteJSON(path string, r *Results) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o600)
}

// WriteMarkdown writes the results as Markdown: what each phase of each run
// cost, the provider's apply time against the floors, how the wall times
// of each layout scale with the number of resources, and the expected
// shape checked.
func WriteMarkdown(w io.Writer, r *Results) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Terraform %s, %s, %d CPUs; sandbox latency %s per request; -parallelism %d; %s; the run took %s.\n\n",
		r.TerraformVersion, r.GoVersion, r.CPUs, r.Latency, r.Parallelism, describeLogEnv(r.LogEnv), r.Total.Round(time.Second))
	writePhaseTable(&b, r.Runs())
	b.WriteString("\n")
	writeRatioTable(&b, r.Runs())
	if inbox := r.inboxRuns(); len(inbox) > 0 {
		b.WriteString("\nSeeding at scale, a contact per conversation:\n\n")
		writePhaseTable(&b, inbox)
		b.WriteString("\n")
		writeRatioTable(&b, inbox)
	}
	for _, layout := range []Layout{SeparateResources, Transcripts} {
		runs := r.matrix(layout)
		if smallest, largest, ok := extremes(runs); ok {
			b.WriteString("\n")
			writeScalingTable(&b, layout, runs, smallest, largest)
		}
	}
	b.WriteString("\n")
	for _, c := range checkShape(r) {
		mark := "yes"
		if !c.ok {
			mark = "NO"
		}
		fmt.Fprintf(&b, "- %s: **%s**. %s\n", c.claim, mark, c.detail)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writePhaseTable writes one row per size, layout, run and phase.
func writePhaseTable(b *strings.Builder, runs []LayoutResult) {
	writeRow(b, "size", "layout", "run", "phase", "wall", "CPU (of which provider)", "API requests", "requests / resource", "connections", "provider processes", "provider peak RSS")
	writeRow(b, "---", "---", "---", "---", "---:", "---:", "---", "---:", "---:", "---:", "---:")
	for _, run := range runs {
		rows := phaseRows("provider", run.Provider)
		rows = append(rows, phaseRow{apiFloorName(run.Layout), "create", run.APIFloor})
		rows = append(rows, phaseRows("terraform_data floor (b)", run.TerraformFloor)...)
		for _, row := range rows {
			m := row.m
			writeRow(b, run.Size.String(), string(run.Layout), row.run, row.phase, seconds(m.Wall), cpu(m),
				endpoints(m.Requests), fmt.Sprintf("%.2f", float64(m.TotalRequests())/float64(run.Resources())),
				fmt.Sprint(m.Connections), orDash(m.Provider.Processes > 0, fmt.Sprint(m.Provider.Processes)),
				orDash(m.Provider.Processes > 0, mebibytes(m.Provider.PeakRSSKiB)))
		}
	}
}

// phaseRow is one row of the phase table: which run, which phase, and
// what it cost.
type phaseRow struct {
	run, phase string
	m          Measurement
}

// phaseRows are the rows of every phase of one run, in the order measured.
func phaseRows(run string, measured Phases) []phaseRow {
	rows := make([]phaseRow, 0, len(phases))
	for _, p := range phases {
		rows = append(rows, phaseRow{run, p.name, *p.measurement(&measured)})
	}
	return rows
}

// apiFloorName names the API floor of a layout: transcripts are held to
// the ordered one.
func apiFloorName(layout Layout) string {
	if layout != SeparateResources {
		return "ordered API floor (a)"
	}
	return "API floor (a)"
}

// writeRatioTable writes the provider's apply against the two floors.
func writeRatioTable(b *strings.Builder, runs []LayoutResult) {
	writeRow(b, "size", "layout", "resources", "requests", "provider apply", "API floor (a)", "terraform_data floor (b)", "(a) + (b)", "ratio", "not explained by the floors")
	writeRow(b, "---", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:")
	for _, run := range runs {
		floor := floorsWall(run)
		extra := run.Provider.Apply.Wall - floor
		writeRow(b, run.Size.String(), string(run.Layout), fmt.Sprint(run.Resources()), fmt.Sprint(run.Layout.Creates(run.Size)),
			seconds(run.Provider.Apply.Wall), seconds(run.APIFloor.Wall), seconds(run.TerraformFloor.Apply.Wall), seconds(floor),
			fmt.Sprintf("%.2f", run.ApplyRatio), fmt.Sprintf("%s (%s / resource)", seconds(extra), millis(perResource(extra, run))))
	}
}

// writeScalingTable writes each series' time per size of one layout, per
// resource, and how much it grew from the smallest size to the largest.
func writeScalingTable(b *strings.Builder, layout Layout, runs []LayoutResult, smallest, largest LayoutResult) {
	header := []string{"series, " + string(layout)}
	align := []string{"---"}
	for _, run := range runs {
		header = append(header, fmt.Sprintf("%s (%d resources)", run.Size, run.Resources()))
		align = append(align, "---:")
	}
	writeRow(b, append(header, fmt.Sprintf("growth %s → %s (resources ×%.2f)", smallest.Size, largest.Size, resourceGrowth(smallest, largest)))...)
	writeRow(b, append(align, "---:")...)
	for _, series := range scalingSeries {
		cells := []string{series.name}
		for _, run := range runs {
			d := series.value(run)
			cells = append(cells, fmt.Sprintf("%s (%s / resource)", seconds(d), millis(perResource(d, run))))
		}
		writeRow(b, append(cells, fmt.Sprintf("×%.2f", growth(smallest, largest, series.value)))...)
	}
}

// describeLogEnv names the TF_LOG* settings of the run.
func describeLogEnv(vars map[string]string) string {
	if len(vars) == 0 {
		return "no TF_LOG* variable set"
	}
	parts := make([]string, 0, len(vars))
	for _, name := range slices.Sorted(maps.Keys(vars)) {
		parts = append(parts, name+"="+vars[name])
	}
	return strings.Join(parts, " ")
}

// writeRow writes one Markdown table row.
func writeRow(b *strings.Builder, cells ...string) {
	b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
}

// endpoints lists requests by endpoint, e.g. "POST conversations: 20".
func endpoints(requests map[string]int) string {
	if len(requests) == 0 {
		return "none"
	}
	parts := make([]string, 0, len(requests))
	for _, endpoint := range slices.Sorted(maps.Keys(requests)) {
		parts = append(parts, fmt.Sprintf("%s: %d", strings.Replace(endpoint, endpointPrefix, "", 1), requests[endpoint]))
	}
	return strings.Join(parts, "<br>")
}

// cpu formats a measurement's CPU time, with the provider's share when
// the provider ran.
func cpu(m Measurement) string {
	switch {
	case m.CPU <= 0:
		return "—"
	case m.Provider.Processes == 0:
		return seconds(m.CPU)
	}
	return fmt.Sprintf("%s (%s)", seconds(m.CPU), seconds(m.Provider.CPU))
}

// seconds formats d as seconds with two decimals.
func seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

// millis formats d as milliseconds with one decimal.
func millis(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

// mebibytes formats a size in KiB as MiB with one decimal.
func mebibytes(kib int64) string { return fmt.Sprintf("%.1f MiB", float64(kib)/1024) }

// orDash is text when ok, else an em dash for "not applicable".
func orDash(ok bool, text string) string {
	if !ok {
		return "—"
	}
	return text
}

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
// scale with the number of resources, and the expected shape checked.
func WriteMarkdown(w io.Writer, r *Results) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Terraform %s, %s, %d CPUs; sandbox latency %s per request; -parallelism %d; %s; the run took %s.\n\n",
		r.TerraformVersion, r.GoVersion, r.CPUs, r.Latency, r.Parallelism, describeLogEnv(r.LogEnv), r.Total.Round(time.Second))
	writePhaseTable(&b, r)
	b.WriteString("\n")
	writeRatioTable(&b, r)
	if smallest, largest, ok := extremes(r.Sizes); ok {
		b.WriteString("\n")
		writeScalingTable(&b, r, smallest, largest)
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

// writePhaseTable writes one row per size, run and phase.
func writePhaseTable(b *strings.Builder, r *Results) {
	writeRow(b, "size", "run", "phase", "wall", "CPU (of which provider)", "API requests", "requests / resource", "connections", "provider processes", "provider peak RSS")
	writeRow(b, "---", "---", "---", "---:", "---:", "---", "---:", "---:", "---:", "---:")
	for _, s := range r.Sizes {
		rows := []struct {
			run, phase string
			m          Measurement
		}{
			{"provider", "apply", s.Provider.Apply},
			{"provider", "refresh-only plan", s.Provider.Refresh},
			{"provider", "destroy", s.Provider.Destroy},
			{"API floor (a)", "create", s.APIFloor},
			{"terraform_data floor (b)", "apply", s.TerraformFloor.Apply},
			{"terraform_data floor (b)", "refresh-only plan", s.TerraformFloor.Refresh},
			{"terraform_data floor (b)", "destroy", s.TerraformFloor.Destroy},
		}
		for _, row := range rows {
			m := row.m
			writeRow(b, s.Size.String(), row.run, row.phase, seconds(m.Wall), cpu(m),
				endpoints(m.Requests), fmt.Sprintf("%.2f", float64(m.TotalRequests())/float64(s.Size.Resources())),
				fmt.Sprint(m.Connections), orDash(m.Provider.Processes > 0, fmt.Sprint(m.Provider.Processes)),
				orDash(m.Provider.Processes > 0, fmt.Sprintf("%.1f MiB", float64(m.Provider.PeakRSSKiB)/1024)))
		}
	}
}

// writeRatioTable writes the provider's apply against the two floors.
func writeRatioTable(b *strings.Builder, r *Results) {
	writeRow(b, "size", "resources", "provider apply", "API floor (a)", "terraform_data floor (b)", "(a) + (b)", "ratio", "not explained by the floors")
	writeRow(b, "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:")
	for _, s := range r.Sizes {
		floor := floorsWall(s)
		extra := s.Provider.Apply.Wall - floor
		writeRow(b, s.Size.String(), fmt.Sprint(s.Size.Resources()), seconds(s.Provider.Apply.Wall), seconds(s.APIFloor.Wall),
			seconds(s.TerraformFloor.Apply.Wall), seconds(floor), fmt.Sprintf("%.2f", s.ApplyRatio),
			fmt.Sprintf("%s (%s / resource)", seconds(extra), millis(perResource(extra, s.Size))))
	}
}

// writeScalingTable writes each series' time per size, per resource, and
// how much it grew from the smallest size to the largest.
func writeScalingTable(b *strings.Builder, r *Results, smallest, largest SizeResult) {
	header := []string{"series"}
	align := []string{"---"}
	for _, s := range r.Sizes {
		header = append(header, fmt.Sprintf("%s (%d resources)", s.Size, s.Size.Resources()))
		align = append(align, "---:")
	}
	writeRow(b, append(header, fmt.Sprintf("growth %s → %s (resources ×%.2f)", smallest.Size, largest.Size, resourceGrowth(smallest, largest)))...)
	writeRow(b, append(align, "---:")...)
	for _, series := range scalingSeries {
		cells := []string{series.name}
		for _, s := range r.Sizes {
			d := series.value(s)
			cells = append(cells, fmt.Sprintf("%s (%s / resource)", seconds(d), millis(perResource(d, s.Size))))
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

// orDash is text when ok, else an em dash for "not applicable".
func orDash(ok bool, text string) string {
	if !ok {
		return "—"
	}
	return text
}

package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/tfrun"

	tfjson "github.com/hashicorp/terraform-json"
)

// outputTail is how much of a failed command's output an error quotes.
const outputTail = 4000

// stopGrace is how long a CLI interrupted by the benchmark's own
// interruption has to stop its plugins and save its state before it is
// killed.
const stopGrace = 10 * time.Second

// phase is one Terraform command of a run: its name in reports and logs,
// its arguments, and the measurement of Phases it fills.
type phase struct {
	name        string
	args        []string
	measurement func(*Phases) *Measurement
}

// phases are the commands runPhases measures, in order: after the apply,
// a plan and a refresh-only plan must both find no change.
var phases = []phase{
	{"apply", []string{"apply", "-auto-approve"}, func(p *Phases) *Measurement { return &p.Apply }},
	{"no-change plan", []string{"plan", "-detailed-exitcode"}, func(p *Phases) *Measurement { return &p.Plan }},
	{"refresh-only plan", []string{"plan", "-refresh-only", "-detailed-exitcode"}, func(p *Phases) *Measurement { return &p.Refresh }},
	{"destroy", []string{"destroy", "-auto-approve"}, func(p *Phases) *Measurement { return &p.Destroy }},
}

// detailedExitChanges is the exit code of a plan with -detailed-exitcode
// that found changes.
const detailedExitChanges = 2

// runPhases measures every command of phases in ws, in order, each with
// the given -parallelism. A plan that finds changes fails the run.
func (m *meter) runPhases(ctx context.Context, ws *tfrun.Workspace, parallelism int) (Phases, error) {
	common := []string{"-input=false", "-no-color", "-parallelism=" + strconv.Itoa(parallelism)}
	var measured Phases
	for _, p := range phases {
		args := slices.Concat(p.args, common)
		measurement, err := m.measure(func() (time.Duration, error) { return runCLI(ctx, ws, args...) })
		if err != nil {
			return Phases{}, phaseError(p, err)
		}
		*p.measurement(&measured) = measurement
	}
	return measured, nil
}

// phaseError names the phase that failed, and says so when a plan found
// changes where the apply before it should have left none.
func phaseError(p phase, err error) error {
	var exit *exec.ExitError
	if slices.Contains(p.args, "-detailed-exitcode") && errors.As(err, &exit) && exit.ExitCode() == detailedExitChanges {
		return fmt.Errorf("%s found changes right after the apply, where it must find none: %w", p.name, err)
	}
	return fmt.Errorf("%s: %w", p.name, err)
}

// runCLI runs one command in ws to completion and returns the CPU time
// (user and system) of the CLI and of the plugins it started and waited
// for. A non-zero exit is an error quoting the end of the output.
func runCLI(ctx context.Context, ws *tfrun.Workspace, args ...string) (time.Duration, error) {
	cmd := ws.Command(ctx, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = stopGrace
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Run(); err != nil {
		text := output.String()
		return 0, fmt.Errorf("%s %s: %w\n%s", ws.CLI, strings.Join(args, " "), err, text[max(0, len(text)-outputTail):])
	}
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), nil
}

// terraformVersion asks the CLI for its version, with no checkpoint call.
func terraformVersion(ctx context.Context, cli string) (string, error) {
	cmd := exec.CommandContext(ctx, cli, "version", "-json")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s version: %w", cli, err)
	}
	var version tfjson.VersionOutput
	if err := json.Unmarshal(out, &version); err != nil {
		return "", fmt.Errorf("%s version -json: %w", cli, err)
	}
	return version.Version, nil
}

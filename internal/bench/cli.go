package bench

import (
	"bytes"
	"context"
	"encoding/json"
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

// runPhases measures apply, a refresh-only plan and destroy in ws, each
// with the given -parallelism. The refresh-only plan must find no change.
func (m *meter) runPhases(ctx context.Context, ws *tfrun.Workspace, parallelism int) (Phases, error) {
	common := []string{"-input=false", "-no-color", "-parallelism=" + strconv.Itoa(parallelism)}
	var phases Phases
	for _, phase := range []struct {
		into *Measurement
		args []string
	}{
		{&phases.Apply, []string{"apply", "-auto-approve"}},
		{&phases.Refresh, []string{"plan", "-refresh-only", "-detailed-exitcode"}},
		{&phases.Destroy, []string{"destroy", "-auto-approve"}},
	} {
		args := slices.Concat(phase.args, common)
		measured, err := m.measure(func() (time.Duration, error) { return runCLI(ctx, ws, args...) })
		if err != nil {
			return Phases{}, err
		}
		*phase.into = measured
	}
	return phases, nil
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

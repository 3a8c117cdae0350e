// Package tfrun runs the Terraform (or OpenTofu) CLI against a locally
// built provider, through a CLI configuration with dev_overrides, so that
// no registry is contacted and no init is needed. End-to-end tests and the
// benchmark use it where terraform-plugin-testing cannot reach: signals,
// -parallelism, the CLI's full output, wall times.
package tfrun

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	tfjson "github.com/hashicorp/terraform-json"
)

// ProviderSource is the provider address the dev override applies to.
const ProviderSource = "livedesk-community/livedesk"

// ProviderBinaryName is the file name Terraform looks for in the plugin
// directory.
const ProviderBinaryName = "terraform-provider-livedesk"

// CLIPath returns the Terraform or OpenTofu binary to run:
// TF_ACC_TERRAFORM_PATH when set, else terraform on PATH.
func CLIPath() (string, error) {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p, nil
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		return "", errors.New("no Terraform CLI: set TF_ACC_TERRAFORM_PATH or put terraform on PATH (make tools installs one)")
	}
	return p, nil
}

// BuildProvider compiles the provider into dir and returns dir, the plugin
// directory for dev_overrides.
func BuildProvider(ctx context.Context, dir string) (string, error) {
	gomod, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(gomod)) == "" || strings.TrimSpace(string(gomod)) == os.DevNull {
		return "", fmt.Errorf("tfrun: cannot find the provider's go.mod: %w", err)
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-o", filepath.Join(dir, ProviderBinaryName), ".") //nolint:gosec // the output path is the caller's own scratch directory
	cmd.Dir = filepath.Dir(strings.TrimSpace(string(gomod)))
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("tfrun: building the provider: %w\n%s", err, out)
	}
	return dir, nil
}

// Workspace is a working directory with a CLI configuration pointing at a
// locally built provider.
type Workspace struct {
	// Dir is the root module directory.
	Dir string
	// CLI is the terraform or tofu binary.
	CLI string
	// Env is the environment every command gets, on top of the process's.
	Env map[string]string
}

// NewWorkspace prepares dir to run cli with the provider in pluginDir. env
// is added to every command's environment (credentials, TF_LOG, ...).
func NewWorkspace(dir, cli, pluginDir string, env map[string]string) (*Workspace, error) {
	rc := filepath.Join(dir, ".tfrun.tfrc")
	config := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", ProviderSource, pluginDir)
	if err := os.WriteFile(rc, []byte(config), 0o600); err != nil {
		return nil, fmt.Errorf("tfrun: writing the CLI configuration: %w", err)
	}
	w := &Workspace{Dir: dir, CLI: cli, Env: map[string]string{
		"TF_CLI_CONFIG_FILE": rc,
		"CHECKPOINT_DISABLE": "1",
		"TF_IN_AUTOMATION":   "1",
		"TF_INPUT":           "0",
	}}
	for k, v := range env {
		w.Env[k] = v
	}
	return w, nil
}

// WriteFile writes a file (such as main.tf) into the workspace.
func (w *Workspace) WriteFile(name, content string) error {
	return os.WriteFile(filepath.Join(w.Dir, name), []byte(content), 0o600)
}

// Command returns the command for one CLI invocation, for callers that
// need to signal it or stream its output.
func (w *Workspace) Command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, w.CLI, args...) //nolint:gosec // runs the CLI the test or benchmark was configured with
	cmd.Dir = w.Dir
	cmd.Env = os.Environ()
	for k, v := range w.Env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	return cmd
}

// Result is the outcome of one CLI invocation.
type Result struct {
	Args     []string
	Stdout   string
	Stderr   string
	ExitCode int
	Duration time.Duration
}

// Output is stdout followed by stderr: all a user would see, but not
// interleaved as a terminal would show it, so search it rather than
// compare positions across the two.
func (r Result) Output() string { return r.Stdout + r.Stderr }

// Run runs the CLI to completion. A non-zero exit is reported in
// Result.ExitCode, not as an error; the error is for failures to run at all.
func (w *Workspace) Run(ctx context.Context, args ...string) (Result, error) {
	cmd := w.Command(ctx, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	res := Result{Args: args, Stdout: stdout.String(), Stderr: stderr.String(), Duration: time.Since(start)}
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		res.ExitCode = exitErr.ExitCode()
	case err != nil:
		return res, fmt.Errorf("tfrun: running %s %s: %w", w.CLI, strings.Join(args, " "), err)
	}
	return res, nil
}

// State returns the current state as `terraform show -json` describes it.
func (w *Workspace) State(ctx context.Context) (*tfjson.State, error) {
	res, err := w.Run(ctx, "show", "-json")
	if err != nil {
		return nil, err
	}
	if res.ExitCode != 0 {
		return nil, fmt.Errorf("tfrun: show -json exited %d: %s", res.ExitCode, res.Stderr)
	}
	var state tfjson.State
	if err := json.Unmarshal([]byte(res.Stdout), &state); err != nil {
		return nil, fmt.Errorf("tfrun: decoding show -json: %w", err)
	}
	return &state, nil
}

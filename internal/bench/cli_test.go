package bench

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/tfrun"
)

// The test binary stands in for the Terraform CLI when a workspace's
// environment names fakeLogEnv: see fakeTerraform.
const (
	// fakeLogEnv is the file the fake CLI appends its arguments to, one
	// command a line.
	fakeLogEnv = "BENCH_FAKE_TERRAFORM_LOG"
	// fakeAPIEnv is the sandbox the fake CLI sends its requests to: the
	// n-th command it runs sends n GET requests to the contact list.
	fakeAPIEnv = "BENCH_FAKE_TERRAFORM_API"
	// fakeChangesEnv makes the fake CLI report changes (exit code 2) for
	// the commands that start with its value.
	fakeChangesEnv = "BENCH_FAKE_TERRAFORM_CHANGES"
)

func TestMain(m *testing.M) {
	if log := os.Getenv(fakeLogEnv); log != "" {
		os.Exit(fakeTerraform(log, os.Args[1:]))
	}
	os.Exit(m.Run())
}

// fakeTerraform is the fake CLI: it logs args, sends its requests and
// returns its exit code.
func fakeTerraform(log string, args []string) int {
	command := strings.Join(args, " ")
	data, err := os.ReadFile(log)
	if err != nil && !os.IsNotExist(err) {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	data = append(data, command+"\n"...)
	if err := os.WriteFile(log, data, 0o600); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for range strings.Count(string(data), "\n") {
		resp, err := http.Get(os.Getenv(fakeAPIEnv) + "/api/v2/accounts/contacts")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}
	if changes := os.Getenv(fakeChangesEnv); changes != "" && strings.HasPrefix(command, changes) {
		fmt.Println("Plan: 0 to add, 1 to change, 0 to destroy.")
		return detailedExitChanges
	}
	return 0
}

// fakePhases runs runPhases with the fake CLI against a new sandbox, the
// fake reporting changes for the commands starting with changes (none
// when ""), and returns the phases, the commands run and the error.
func fakePhases(t *testing.T, changes string) (Phases, []string, error) {
	t.Helper()
	instance, err := sandbox.Start("127.0.0.1:0", sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = instance.Close() })
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	log := filepath.Join(dir, "commands.log")
	ws, err := tfrun.NewWorkspace(dir, self, dir, map[string]string{fakeLogEnv: log, fakeAPIEnv: instance.URL, fakeChangesEnv: changes})
	if err != nil {
		t.Fatal(err)
	}
	m := &meter{server: instance.Server, procRoot: t.TempDir(), providerBinary: filepath.Join(dir, "no-provider")}
	measured, runErr := m.runPhases(t.Context(), ws, 7)
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	return measured, strings.Split(strings.TrimSuffix(string(data), "\n"), "\n"), runErr
}

func TestRunPhasesMeasuresANoChangePlanRightAfterTheApply(t *testing.T) {
	t.Parallel()
	measured, commands, err := fakePhases(t, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"apply -auto-approve -input=false -no-color -parallelism=7",
		"plan -detailed-exitcode -input=false -no-color -parallelism=7",
		"plan -refresh-only -detailed-exitcode -input=false -no-color -parallelism=7",
		"destroy -auto-approve -input=false -no-color -parallelism=7",
	}
	if strings.Join(commands, "\n") != strings.Join(want, "\n") {
		t.Fatalf("commands run:\n%s\nwant\n%s", strings.Join(commands, "\n"), strings.Join(want, "\n"))
	}
	// The n-th command sent n requests: each phase holds its own command's.
	for n, m := range []Measurement{measured.Apply, measured.Plan, measured.Refresh, measured.Destroy} {
		if m.Requests[listContacts] != n+1 || m.TotalRequests() != n+1 || m.Connections != 1 || m.Wall <= 0 || m.CPU <= 0 {
			t.Errorf("%s: %+v, want %d contact list requests over one connection, with wall and CPU time", phases[n].name, m, n+1)
		}
	}
}

func TestRunPhasesFailsWhenAPlanFindsChanges(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		changes, want string
		commands      int
	}{
		{"plan -detailed-exitcode", "no-change plan found changes right after the apply, where it must find none", 2},
		{"plan -refresh-only", "refresh-only plan found changes right after the apply, where it must find none", 3},
	} {
		_, commands, err := fakePhases(t, tc.changes)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "1 to change") {
			t.Errorf("changes on %q: error %v, want %q and the CLI's output", tc.changes, err, tc.want)
		}
		if len(commands) != tc.commands || !strings.HasPrefix(commands[len(commands)-1], tc.changes) {
			t.Errorf("changes on %q: ran %q, want the run to stop there", tc.changes, commands)
		}
	}
}

func TestRunPhasesReportsOtherFailuresAsTheyAre(t *testing.T) {
	t.Parallel()
	// An apply exiting 2 has failed; it found no changes.
	_, commands, err := fakePhases(t, "apply")
	if err == nil || !strings.HasPrefix(err.Error(), "apply: ") || strings.Contains(err.Error(), "found changes") || len(commands) != 1 {
		t.Errorf("error %v after %q, want the apply's failure alone", err, commands)
	}
}

package tfrun

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWorkspaceWritesDevOverridesAndPassesEnvironment(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// A stand-in CLI that prints its environment and arguments.
	cli := filepath.Join(dir, "fake-cli")
	if err := os.WriteFile(cli, []byte("#!/bin/sh\necho \"args=$*\"\necho \"rc=$TF_CLI_CONFIG_FILE extra=$EXTRA\"\necho oops >&2\nexit 3\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	w, err := NewWorkspace(dir, cli, "/plugins", map[string]string{"EXTRA": "yes"})
	if err != nil {
		t.Fatal(err)
	}
	rc, err := os.ReadFile(w.Env["TF_CLI_CONFIG_FILE"])
	if err != nil || !strings.Contains(string(rc), `"livedesk-community/livedesk" = "/plugins"`) {
		t.Fatalf("CLI config %q (%v)", rc, err)
	}
	res, err := w.Run(context.Background(), "plan", "-no-color")
	if err != nil {
		t.Fatal(err)
	}
	if res.ExitCode != 3 || !strings.Contains(res.Stdout, "args=plan -no-color") || !strings.Contains(res.Stdout, "extra=yes") || res.Stderr != "oops\n" {
		t.Errorf("result %+v", res)
	}
}

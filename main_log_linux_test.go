package main

import (
	"context"
	"os"
	"path"
	"strings"
	"syscall"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tfsdklog"
)

// providerLogLines starts the provider's root logger as terraform-plugin-go's
// tf6server does for every request (named after the type in the provider
// address, its level from TF_LOG_PROVIDER_<TYPE>, writing to the process's
// standard error), writes a line at TRACE and one at ERROR, and returns
// what reached standard error.
func providerLogLines(t *testing.T) string {
	t.Helper()
	name := strings.ReplaceAll(path.Base(providerAddress), "-", "_")
	captured, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	saved, err := syscall.Dup(2)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Dup3(int(captured.Fd()), 2, 0); err != nil {
		t.Fatal(err)
	}
	ctx := tfsdklog.NewRootProviderLogger(context.Background(),
		tfsdklog.WithStderrFromInit(), tfsdklog.WithLogName(name), tflog.WithLevelFromEnv("TF_LOG_PROVIDER", name))
	tflog.Trace(ctx, "a trace line")
	tflog.Error(ctx, "an error line")
	if err := syscall.Dup3(saved, 2, 0); err != nil {
		t.Fatal(err)
	}
	_ = syscall.Close(saved)
	out, err := os.ReadFile(captured.Name())
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestSilencedProviderLoggerWritesNothing checks silenceUnrequestedLogs
// against the provider's own logger: it writes every line when no log
// variable is set (what silencing saves), nothing once silenced, and what
// TF_LOG_PROVIDER_LIVEDESK asks for when a person sets it.
func TestSilencedProviderLoggerWritesNothing(t *testing.T) {
	for _, name := range logVariables {
		t.Setenv(name, "")
	}
	if got := providerLogLines(t); !strings.Contains(got, "a trace line") {
		t.Fatalf("without any log variable the provider's logger wrote %q; expected every line, the cost silenceUnrequestedLogs avoids", got)
	}
	silenceUnrequestedLogs()
	if got := providerLogLines(t); got != "" {
		t.Errorf("after silenceUnrequestedLogs the provider's own logger still wrote:\n%s", got)
	}
	t.Setenv(providerLogVariable, "ERROR")
	if got := providerLogLines(t); !strings.Contains(got, "an error line") || strings.Contains(got, "a trace line") {
		t.Errorf("with %s=ERROR the provider's logger wrote %q, want the error line only", providerLogVariable, got)
	}
}

package main

import (
	"os"
	"testing"
)

func TestLogsStayOnWhenAnyLogVariableIsSet(t *testing.T) {
	for _, name := range logVariables {
		t.Setenv(name, "")
	}
	t.Setenv("TF_LOG", "DEBUG")
	silenceUnrequestedLogs()
	if got := os.Getenv("TF_LOG_SDK"); got != "" {
		t.Errorf("TF_LOG=DEBUG, yet TF_LOG_SDK was set to %q", got)
	}
}

func TestLogsAreSilencedWhenNoneIsRequested(t *testing.T) {
	for _, name := range logVariables {
		t.Setenv(name, "")
	}
	silenceUnrequestedLogs()
	for _, name := range []string{"TF_LOG_PROVIDER_LIVEDESK", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"} {
		if got := os.Getenv(name); got != "off" {
			t.Errorf("%s = %q, want off", name, got)
		}
	}
}

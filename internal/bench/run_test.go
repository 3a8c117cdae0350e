package bench

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestLogEnvPicksTheTFLogVariables(t *testing.T) {
	t.Parallel()
	got := logEnv([]string{"TF_LOG=trace", "TF_LOG_SDK_PROTO=off", "TF_IN_AUTOMATION=1", "PATH=/bin", "TF_LOG_PATH=/tmp/x=y"})
	want := map[string]string{"TF_LOG": "trace", "TF_LOG_SDK_PROTO": "off", "TF_LOG_PATH": "/tmp/x=y"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("logEnv = %v, want %v", got, want)
	}
}

func TestLogPhasesLogsEveryPhaseInOrder(t *testing.T) {
	t.Parallel()
	var log strings.Builder
	r := &runner{log: &log}
	r.logPhases(LayoutResult{Size: Size{20, 4}, Layout: Transcripts}, "provider", Phases{
		Apply:   Measurement{Wall: 2 * time.Second, Requests: map[string]int{createConversation: 20, createMessage: 80}, Connections: 10},
		Plan:    Measurement{Wall: 1500 * time.Millisecond, Requests: map[string]int{listContacts: 2}, Connections: 1},
		Refresh: Measurement{Wall: time.Second},
		Destroy: Measurement{Wall: 500 * time.Millisecond, Requests: map[string]int{"POST /x": 20}, Connections: 3},
	})
	want := `20x4 transcripts, provider apply: 2s, 100 requests, 10 connections
20x4 transcripts, provider no-change plan: 1.5s, 2 requests, 1 connections
20x4 transcripts, provider refresh-only plan: 1s, 0 requests, 0 connections
20x4 transcripts, provider destroy: 500ms, 20 requests, 3 connections
`
	if log.String() != want {
		t.Errorf("log =\n%s\nwant\n%s", log.String(), want)
	}
}

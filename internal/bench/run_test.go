package bench

import (
	"reflect"
	"testing"
)

func TestLogEnvPicksTheTFLogVariables(t *testing.T) {
	t.Parallel()
	got := logEnv([]string{"TF_LOG=trace", "TF_LOG_SDK_PROTO=off", "TF_IN_AUTOMATION=1", "PATH=/bin", "TF_LOG_PATH=/tmp/x=y"})
	want := map[string]string{"TF_LOG": "trace", "TF_LOG_SDK_PROTO": "off", "TF_LOG_PATH": "/tmp/x=y"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("logEnv = %v, want %v", got, want)
	}
}

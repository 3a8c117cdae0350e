package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRunRefusesBadArgumentsBeforeMeasuring(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-sizes", "20by4"}, 1, `size "20by4" is not CONVERSATIONSxMESSAGES`},
		{[]string{"-transcripts", "1by1000"}, 1, `-transcripts: size "1by1000" is not CONVERSATIONSxMESSAGES`},
		{[]string{"-parallelism", "0", "-tf", "/nonexistent/terraform"}, 1, "parallelism must be at least 1"},
		{[]string{"-no-such-flag"}, 2, "flag provided but not defined"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(tc.args, &stdout, &stderr); code != tc.code || !strings.Contains(stderr.String(), tc.want) || stdout.Len() != 0 {
			t.Errorf("run(%q) = %d, stderr %q, stdout %q; want %d and %q", tc.args, code, stderr.String(), stdout.String(), tc.code, tc.want)
		}
	}
}

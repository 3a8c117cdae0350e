package e2e

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/provider"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// Distinctive credentials, so that any trace of them in the output is found.
const (
	secretsKey    = "e2e-key-7c1d"
	secretsSecret = "e2e-secret-Zq9xW4vT1mK8pR2s"
	wrongSecret   = "e2e-wrong-secret-Hn5bY3cJ6dL0"
)

// secretsCase is one TF_LOG=TRACE apply whose whole output must not reveal
// the credentials it used.
type secretsCase struct {
	name string
	// settings go into the provider block, env into the environment.
	settings string
	env      map[string]string
	// resources is the configuration; %d is the contact id.
	resources string
	// secret is the secret the provider sends.
	secret string
	// exitCode is the expected exit code, and want a text the output must
	// hold to show the case did what it is meant to.
	exitCode int
	want     string
}

// TestSecretsStayOutOfTraceOutput runs an apply, a failed apply and an
// apply with refused credentials at TF_LOG=TRACE, with the credentials in
// the provider block or in the environment, and checks that stdout and
// stderr (Terraform's log, with the provider's relayed into it) hold
// neither the secret nor the Basic Authorization value.
func TestSecretsStayOutOfTraceOutput(t *testing.T) {
	conversation := `resource "livedesk_conversation" "c" {
  inbox_id   = "1"
  contact_id = "%d"
}
`
	inBlock := func(secret string) string {
		return fmt.Sprintf("  api_key    = %q\n  api_secret = %q", secretsKey, secret)
	}
	inEnv := map[string]string{provider.EnvAPIKey: secretsKey, provider.EnvAPISecret: secretsSecret}
	for _, tc := range []secretsCase{
		{
			name: "apply", settings: inBlock(secretsSecret), secret: secretsSecret,
			resources: conversation + `resource "livedesk_message" "m" {
  conversation_id = livedesk_conversation.c.id
  content         = "hello"
}
`,
			exitCode: 0, want: "Apply complete! Resources: 2 added",
		},
		{
			name: "failed apply", env: inEnv, secret: secretsSecret,
			resources: conversation + `resource "livedesk_message" "m" {
  conversation_id = "999999"
  content         = "to nowhere"
}
`,
			exitCode: 1, want: "LiveDesk has no conversation 999999",
		},
		{
			name: "401", settings: inBlock(wrongSecret), secret: wrongSecret,
			resources: conversation,
			exitCode:  1, want: "LiveDesk did not accept the credentials. Check LIVEDESK_API_KEY and LIVEDESK_API_SECRET",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := map[string]string{"TF_LOG": "TRACE"}
			for k, v := range tc.env {
				env[k] = v
			}
			s := newStack(t, sandbox.Options{APIKey: secretsKey, APISecret: secretsSecret}, 0, env)
			s.writeConfig(t, tc.settings, fmt.Sprintf(tc.resources, s.contactID))

			res := s.run(t, applyArgs()...)
			output := res.Output()
			if res.ExitCode != tc.exitCode || !strings.Contains(output, tc.want) {
				t.Fatalf("exit %d, want %d with %q in the output:\n%s", res.ExitCode, tc.exitCode, tc.want, tail(output))
			}
			// The provider's own TRACE lines are in the output, or the
			// test would prove nothing about them.
			for _, line := range []string{"LiveDesk API request", "LiveDesk API response body"} {
				if !strings.Contains(output, line) {
					t.Fatalf("the output has no %q line: is TF_LOG=TRACE relayed?", line)
				}
			}
			basic := base64.StdEncoding.EncodeToString([]byte(secretsKey + ":" + tc.secret))
			for what, value := range map[string]string{"the secret": tc.secret, "the Basic Authorization value": basic} {
				if i := strings.Index(output, value); i >= 0 {
					t.Errorf("the output (%d bytes) reveals %s: …%s…", len(output), what, output[max(0, i-200):min(len(output), i+len(value)+50)])
				}
			}
		})
	}
}

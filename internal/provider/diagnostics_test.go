package provider

import (
	"bytes"
	"context"
	"errors"
	"github.com/hashicorp/go-hclog"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

func TestExplainMasksCredentialsTheAPIEchoes(t *testing.T) {
	t.Parallel()
	masked := livedesk.Secrets("key", "s3cr3t")
	d := &providerData{masked: masked}
	echo := &livedesk.APIError{StatusCode: 401, Method: "POST", Path: "/x", Message: "bad header Basic " + masked[0] + " for secret s3cr3t"}
	text := d.explainCreate(errors.Join(echo), createFailure{kind: "contact", check: "look"})
	for _, secret := range masked {
		if strings.Contains(text, secret) {
			t.Errorf("%q shows %q", text, secret)
		}
	}
	if !strings.Contains(text, "LIVEDESK_API_KEY") {
		t.Errorf("%q lacks the credentials advice", text)
	}
}

func TestExplainSaysWhatToDo(t *testing.T) {
	t.Parallel()
	d := &providerData{baseURLPath: "/api/v2"}
	sentThenInterrupted := &livedesk.TransportError{Method: "PATCH", URL: "http://x/c/1", Sent: true, Err: context.Canceled}
	neverSent := &livedesk.TransportError{Method: "PATCH", URL: "http://x/c/1", Sent: false, Err: context.Canceled}
	for name, tc := range map[string]struct {
		err  error
		want string
	}{
		"interrupted after sending":   {sentThenInterrupted, "interrupted after this request was sent, so LiveDesk may have applied it"},
		"interrupted before sending":  {neverSent, "interrupted before this request was sent, so nothing was changed"},
		"rate limited to the end":     {&livedesk.APIError{StatusCode: 429, Method: "POST", Path: "/x", Attempts: 5}, "after 5 attempts. Raise max_retries in the provider block, or run Terraform with a lower -parallelism"},
		"404 with a path in base_url": {&livedesk.APIError{StatusCode: 404, Method: "POST", Path: "/x"}, `base_url has the path "/api/v2"`},
	} {
		if text := d.explain(tc.err); !strings.Contains(text, tc.want) {
			t.Errorf("%s: %q does not say %q", name, text, tc.want)
		}
	}
	if text := (&providerData{}).explain(&livedesk.APIError{StatusCode: 404, Method: "POST", Path: "/x"}); strings.Contains(text, "base_url has the path") {
		t.Errorf("a 404 blamed a base_url without a path: %q", text)
	}
}

func TestSecretsMaskTheAPIKeyUnlessItIsTooShortToBeOne(t *testing.T) {
	t.Parallel()
	if got := livedesk.Secrets("a-real-looking-api-key", "s"); !slices.Contains(got, "a-real-looking-api-key") {
		t.Errorf("Secrets = %v, want the API key among them", got)
	}
	if got := livedesk.Secrets("key", "s"); slices.Contains(got, "key") {
		t.Errorf("Secrets = %v: a three-letter key would mask the word everywhere", got)
	}
}

func TestProviderLogMasksCredentials(t *testing.T) {
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	masked := livedesk.Secrets("a-real-looking-api-key", "the-api-secret")
	logger := newTFLogger(masked, hclog.Trace)
	logger.Debug(ctx, "request with key a-real-looking-api-key", map[string]any{"authorization": "Basic " + masked[0], "body": "secret the-api-secret"})
	logger.Trace(ctx, "body", map[string]any{"echo": masked[0]})
	out := buf.String()
	if !strings.Contains(out, "request with key") {
		t.Fatalf("nothing was logged: %q", out)
	}
	for _, secret := range masked {
		if strings.Contains(out, secret) {
			t.Errorf("the log shows %q:\n%s", secret, out)
		}
	}
}

// TestProviderLogDropsLinesBelowItsLevel: with the provider's logger off
// (no TF_LOG asked for) or at INFO, the client's lines are not even built;
// at DEBUG only the response bodies (TRACE) are dropped.
func TestProviderLogDropsLinesBelowItsLevel(t *testing.T) {
	for _, c := range []struct {
		env          string
		debug, trace bool
	}{{"off", false, false}, {"INFO", false, false}, {"debug", true, false}, {"", true, true}} {
		t.Run(c.env, func(t *testing.T) {
			t.Setenv("TF_LOG_PROVIDER_LIVEDESK", c.env)
			var buf bytes.Buffer
			ctx := tflogtest.RootLogger(context.Background(), &buf)
			logger := newTFLogger(nil, providerLogLevel())
			logger.Debug(ctx, "a request line", nil)
			logger.Trace(ctx, "a body line", nil)
			if got := strings.Contains(buf.String(), "a request line"); got != c.debug {
				t.Errorf("DEBUG line written: %t, want %t", got, c.debug)
			}
			if got := strings.Contains(buf.String(), "a body line"); got != c.trace {
				t.Errorf("TRACE line written: %t, want %t", got, c.trace)
			}
		})
	}
}

func TestExplainCreateNamesTheImportCommandWhenTheObjectMayExist(t *testing.T) {
	t.Parallel()
	d := &providerData{}
	lost := &livedesk.TransportError{Method: "POST", URL: "http://x/c", Sent: true, Create: true, Err: errors.New("connection reset")}
	failure := createFailure{kind: "contact", check: "search for it", next: importNext("contact", "<contact id>")}
	text := d.explainCreate(lost, failure)
	for _, want := range []string{"may have been created", "search for it", "terraform import <address> <contact id>"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q does not say %q", text, want)
		}
	}
	refused := &livedesk.APIError{StatusCode: 422, Method: "POST", Path: "/c", Create: true}
	if text := d.explainCreate(refused, failure); strings.Contains(text, "import") {
		t.Errorf("a refused create suggests an import: %q", text)
	}
}

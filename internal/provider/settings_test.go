package provider

import (
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func envOf(values map[string]string) func(string) string {
	return func(name string) string { return values[name] }
}

func nullConfig() providerModel {
	return providerModel{
		APIKey: types.StringNull(), APISecret: types.StringNull(), BaseURL: types.StringNull(),
		MaxRetries: types.NumberNull(), RequestTimeout: types.StringNull(),
	}
}

func TestSettingsFallBackToEnvironmentThenDefaults(t *testing.T) {
	t.Parallel()
	s, diags := resolveSettings(nullConfig(), envOf(map[string]string{EnvAPIKey: "env-key", EnvAPISecret: "env-secret"}))
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := settings{apiKey: "env-key", apiSecret: "env-secret", baseURL: "https://livedesk-api.engagelab.com", maxRetries: 4, requestTimeout: 30 * time.Second}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got %+v, want %+v", s, want)
	}
}

func TestSettingsConfigWinsOverEnvironment(t *testing.T) {
	t.Parallel()
	cfg := providerModel{
		APIKey: types.StringValue("cfg-key"), APISecret: types.StringValue("cfg-secret"), BaseURL: types.StringValue("http://127.0.0.1:9"),
		MaxRetries: types.NumberValue(big.NewFloat(0)), RequestTimeout: types.StringValue("1m30s"),
	}
	s, diags := resolveSettings(cfg, envOf(map[string]string{EnvAPIKey: "env-key", EnvAPISecret: "env-secret", EnvBaseURL: "https://env.example"}))
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := settings{apiKey: "cfg-key", apiSecret: "cfg-secret", baseURL: "http://127.0.0.1:9", maxRetries: 0, requestTimeout: 90 * time.Second}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got %+v, want %+v", s, want)
	}
}

func TestSettingsRefuseBadEnvironmentBaseURL(t *testing.T) {
	t.Parallel()
	_, diags := resolveSettings(nullConfig(), envOf(map[string]string{EnvAPIKey: "k", EnvAPISecret: "s", EnvBaseURL: "livedesk.example"}))
	if !diags.HasError() || !strings.Contains(diags[0].Detail(), EnvBaseURL) {
		t.Errorf("diags = %v, want an error naming %s", diags, EnvBaseURL)
	}
	_, diags = resolveSettings(nullConfig(), envOf(map[string]string{EnvAPIKey: "k", EnvAPISecret: "s", EnvBaseURL: "https://me:hunter2@livedesk.example"}))
	if !diags.HasError() || strings.Contains(diags[0].Detail(), "hunter2") || !strings.Contains(diags[0].Detail(), "must not carry credentials") {
		t.Errorf("diags = %v, want a credentials error that hides the password", diags)
	}
}

// TestSettingsBaseURLWithWhiteSpace refuses a base_url written with white
// space around it in the provider block, where it is a slip, and accepts
// the environment variable's, which a shell or a file often leaves behind
// (a trailing newline), without it.
func TestSettingsBaseURLWithWhiteSpace(t *testing.T) {
	t.Parallel()
	env := map[string]string{EnvAPIKey: "k", EnvAPISecret: "s"}
	cfg := nullConfig()
	cfg.BaseURL = types.StringValue("  https://livedesk.example")
	_, diags := resolveSettings(cfg, envOf(env))
	if !diags.HasError() || !strings.Contains(diags[0].Detail(), "white space") {
		t.Errorf("diags = %v, want an error about the white space", diags)
	}
	env[EnvBaseURL] = " https://env.example/\n"
	s, diags := resolveSettings(nullConfig(), envOf(env))
	if diags.HasError() || s.baseURL != "https://env.example/" {
		t.Errorf("%s with white space around it: base URL %q, %v; want it trimmed and accepted", EnvBaseURL, s.baseURL, diags)
	}
}

func TestSettingsKnownOnlyAtApplyAreListedNotRefused(t *testing.T) {
	t.Parallel()
	cfg := nullConfig()
	cfg.APIKey = types.StringUnknown()
	cfg.MaxRetries = types.NumberUnknown()
	s, diags := resolveSettings(cfg, envOf(map[string]string{EnvAPISecret: "s"}))
	if diags.HasError() {
		t.Fatalf("diags = %v, want none: an unknown api_key is not a missing one", diags)
	}
	if want := []string{"api_key", "max_retries"}; !slices.Equal(s.unknown, want) {
		t.Errorf("unknown = %v, want %v", s.unknown, want)
	}
	// The settings that are known are still checked.
	cfg.BaseURL = types.StringValue("ftp://x")
	if _, diags := resolveSettings(cfg, envOf(nil)); diags.ErrorsCount() != 2 {
		t.Errorf("diags = %v, want a bad base_url and a missing api_secret", diags)
	}
	text := unknownSettingsError{attrs: s.unknown}.Error()
	for _, want := range []string{"api_key, max_retries", "not known until apply", "data source", "No request was sent"} {
		if !strings.Contains(text, want) {
			t.Errorf("error %q does not say %q", text, want)
		}
	}
}

func TestSettingsMaxRetriesIsAWholeNumberInRange(t *testing.T) {
	t.Parallel()
	for value, want := range map[string]string{"0": "", "10": "", "3": "", "1.5": "is 1.5; it must be a whole number from 0 to 10",
		"-1": "is -1;", "11": "is 11;", "1e30": "is 1e+30;"} {
		f, _, err := big.ParseFloat(value, 10, 64, big.ToNearestEven)
		if err != nil {
			t.Fatal(err)
		}
		cfg := nullConfig()
		cfg.MaxRetries = types.NumberValue(f)
		s, diags := resolveSettings(cfg, envOf(map[string]string{EnvAPIKey: "k", EnvAPISecret: "s"}))
		switch {
		case want == "" && (diags.HasError() || strconv.Itoa(s.maxRetries) != value):
			t.Errorf("max_retries = %s: got %d, %v", value, s.maxRetries, diags)
		case want != "" && (!diags.HasError() || !strings.Contains(diags[0].Detail(), want) || strings.Contains(diags[0].Detail(), "big.Float")):
			t.Errorf("max_retries = %s: diags = %v, want %q", value, diags, want)
		}
	}
}

func TestSettingsRequestTimeoutIsInRange(t *testing.T) {
	t.Parallel()
	for value, want := range map[string]string{"1s": "", "10m": "", "2m30s": "", "999ms": "out of range: request_timeout must be from 1s to 10m",
		"10m1s": "out of range", "0s": "out of range", "-5s": "out of range", "soon": "not a duration"} {
		cfg := nullConfig()
		cfg.RequestTimeout = types.StringValue(value)
		_, diags := resolveSettings(cfg, envOf(map[string]string{EnvAPIKey: "k", EnvAPISecret: "s"}))
		if (want == "") != !diags.HasError() || (want != "" && !strings.Contains(diags[0].Detail(), want)) {
			t.Errorf("request_timeout = %q: diags = %v, want %q", value, diags, want)
		}
	}
}

func TestSettingsBaseURLProblemsSayWhyAndHideSecrets(t *testing.T) {
	t.Parallel()
	for value, want := range map[string]string{
		"https://livedesk.example/?token=t0k3n":  `"https://livedesk.example/?token=xxxxx" has a query`,
		"https://livedesk.example?":              "has a query",
		"https://livedesk.example/#s3cr3t":       `"https://livedesk.example/#xxxxx" has a fragment`,
		"https://me:hunter2@livedesk.example/?a": "must not carry credentials",
		"livedesk.example/?key=k3y":              `"livedesk.example/?key=xxxxx" is not an http(s) URL`,
		"https://livedesk.example/?a=b@c":        "has a query",
		"  https://livedesk.example":             `"  https://livedesk.example" has white space before or after the URL. Remove it: base_url = "https://livedesk.example".`,
		"https://livedesk.example/api\n":         "has white space before or after",
		" https://me:hunter2@livedesk.example":   "has white space before or after",
	} {
		problem := baseURLProblem(value)
		if !strings.Contains(problem, want) {
			t.Errorf("baseURLProblem(%q) = %q, want %q", value, problem, want)
		}
		for _, secret := range []string{"t0k3n", "s3cr3t", "hunter2", "k3y", "b@c"} {
			if strings.Contains(problem, secret) {
				t.Errorf("baseURLProblem(%q) shows %q: %s", value, secret, problem)
			}
		}
	}
}

func TestSettingsNeverEchoTheSecret(t *testing.T) {
	t.Parallel()
	cfg := nullConfig()
	cfg.APISecret = types.StringValue("s3cr3t-value")
	cfg.BaseURL = types.StringValue("not a url")
	cfg.RequestTimeout = types.StringValue("x")
	_, diags := resolveSettings(cfg, envOf(nil))
	for _, d := range diags {
		if strings.Contains(d.Summary()+d.Detail(), "s3cr3t-value") {
			t.Errorf("diagnostic shows the secret: %v", d)
		}
	}
	if diags.ErrorsCount() != 3 {
		t.Errorf("diags = %v, want missing key, bad base_url, bad timeout", diags)
	}
}

package provider

import (
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
		MaxRetries: types.Int64Null(), RequestTimeout: types.StringNull(),
	}
}

func TestSettingsFallBackToEnvironmentThenDefaults(t *testing.T) {
	t.Parallel()
	s, diags := resolveSettings(nullConfig(), envOf(map[string]string{EnvAPIKey: "env-key", EnvAPISecret: "env-secret"}))
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := settings{apiKey: "env-key", apiSecret: "env-secret", baseURL: "https://livedesk-api.engagelab.com", maxRetries: 4, requestTimeout: 30 * time.Second}
	if s != want {
		t.Errorf("got %+v, want %+v", s, want)
	}
}

func TestSettingsConfigWinsOverEnvironment(t *testing.T) {
	t.Parallel()
	cfg := providerModel{
		APIKey: types.StringValue("cfg-key"), APISecret: types.StringValue("cfg-secret"), BaseURL: types.StringValue("http://127.0.0.1:9"),
		MaxRetries: types.Int64Value(0), RequestTimeout: types.StringValue("1m30s"),
	}
	s, diags := resolveSettings(cfg, envOf(map[string]string{EnvAPIKey: "env-key", EnvAPISecret: "env-secret", EnvBaseURL: "https://env.example"}))
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := settings{apiKey: "cfg-key", apiSecret: "cfg-secret", baseURL: "http://127.0.0.1:9", maxRetries: 0, requestTimeout: 90 * time.Second}
	if s != want {
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

func TestSettingsReportUnknownValues(t *testing.T) {
	t.Parallel()
	cfg := nullConfig()
	cfg.APIKey = types.StringUnknown()
	cfg.MaxRetries = types.Int64Unknown()
	_, diags := resolveSettings(cfg, envOf(nil))
	if diags.ErrorsCount() != 2 {
		t.Fatalf("diags = %v, want two errors", diags)
	}
	for _, d := range diags {
		if !strings.Contains(d.Detail(), "not known until apply") {
			t.Errorf("detail %q", d.Detail())
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

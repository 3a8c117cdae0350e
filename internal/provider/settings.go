package provider

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// settings are the provider's effective settings after the provider block,
// the environment and the defaults are combined (in that order).
type settings struct {
	apiKey         string
	apiSecret      string
	baseURL        string
	maxRetries     int
	requestTimeout time.Duration
}

// lookupEnv reads an environment variable; tests pass their own.
func lookupEnv(name string) string { return os.Getenv(name) }

// resolveSettings combines the provider block with the environment. Every
// problem is reported against the attribute it concerns, and credentials
// that are missing name both the attribute and its environment variable.
func resolveSettings(cfg providerModel, env func(string) string) (settings, diag.Diagnostics) {
	var diags diag.Diagnostics
	for attr, value := range map[string]types.String{"api_key": cfg.APIKey, "api_secret": cfg.APISecret, "base_url": cfg.BaseURL, "request_timeout": cfg.RequestTimeout} {
		if value.IsUnknown() {
			diags.Append(unknownSetting(attr))
		}
	}
	if cfg.MaxRetries.IsUnknown() {
		diags.Append(unknownSetting("max_retries"))
	}
	if diags.HasError() {
		return settings{}, diags
	}

	s := settings{
		apiKey:     firstSet(cfg.APIKey, env(EnvAPIKey)),
		apiSecret:  firstSet(cfg.APISecret, env(EnvAPISecret)),
		baseURL:    firstSet(cfg.BaseURL, env(EnvBaseURL), livedesk.DefaultBaseURL),
		maxRetries: livedesk.DefaultMaxRetries,
	}
	if s.apiKey == "" {
		diags.AddAttributeError(path.Root("api_key"), "Missing LiveDesk API key",
			fmt.Sprintf("Set api_key in the provider block or the %s environment variable to the API Key from LiveDesk (Project Settings → API Management). No request was sent.", EnvAPIKey))
	}
	if s.apiSecret == "" {
		diags.AddAttributeError(path.Root("api_secret"), "Missing LiveDesk API secret",
			fmt.Sprintf("Set api_secret in the provider block or the %s environment variable to the API Secret that belongs to the API Key. No request was sent.", EnvAPISecret))
	}
	if problem := baseURLProblem(s.baseURL); problem != "" {
		diags.AddAttributeError(path.Root("base_url"), "Invalid LiveDesk base URL",
			fmt.Sprintf("base_url (from the provider block or %s): %s", EnvBaseURL, problem))
	}
	if !cfg.MaxRetries.IsNull() {
		s.maxRetries = int(cfg.MaxRetries.ValueInt64())
	}
	timeout, err := parsePositiveDuration(firstSet(cfg.RequestTimeout, defaultRequestTimeout))
	if err != nil {
		diags.AddAttributeError(path.Root("request_timeout"), "Invalid request_timeout", err.Error())
	}
	s.requestTimeout = timeout
	return s, diags
}

// firstSet returns the configured value when it is set, else the first
// non-empty fallback.
func firstSet(configured types.String, fallbacks ...string) string {
	if !configured.IsNull() && configured.ValueString() != "" {
		return configured.ValueString()
	}
	for _, v := range fallbacks {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// unknownSetting explains a provider setting that depends on a value not
// known until apply.
func unknownSetting(attr string) diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(path.Root(attr), "Unknown LiveDesk provider setting",
		fmt.Sprintf("The provider cannot be configured because %s depends on a value that is not known until apply. Set it to a literal, a variable or an environment variable, or apply the resources it depends on first (terraform apply -target=...).", attr))
}

// parsePositiveDuration parses a Go duration string such as "30s" that must
// be greater than zero.
func parsePositiveDuration(text string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(text))
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration; write it like \"30s\", \"1m30s\" or \"500ms\"", text)
	}
	if d <= 0 {
		return 0, fmt.Errorf("%q must be longer than zero", text)
	}
	return d, nil
}

// baseURLPath is the path of a valid base URL, or "".
func baseURLPath(baseURL string) string {
	if u, err := livedesk.ParseBaseURL(baseURL); err == nil {
		return u.Path
	}
	return ""
}

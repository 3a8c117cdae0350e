package provider

import (
	"fmt"
	"math/big"
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
	// unknown names the settings whose values Terraform knows only at
	// apply; the other fields are then incomplete and no client is built.
	unknown []string
}

// Bounds of max_retries and request_timeout, as the provider schema and
// the README document them.
const (
	maxMaxRetries     = 10
	minRequestTimeout = time.Second
	maxRequestTimeout = 10 * time.Minute
)

// lookupEnv reads an environment variable; tests pass their own.
func lookupEnv(name string) string { return os.Getenv(name) }

// resolveSettings combines the provider block with the environment. Every
// problem is reported against the attribute it concerns, and credentials
// that are missing name both the attribute and its environment variable.
// A setting whose value is unknown (it depends on a resource not yet
// applied) is not an error: it is listed in settings.unknown, and the
// known settings are still checked.
func resolveSettings(cfg providerModel, env func(string) string) (settings, diag.Diagnostics) {
	var diags diag.Diagnostics
	var s settings
	for _, setting := range []struct {
		attr    string
		unknown bool
	}{
		{"api_key", cfg.APIKey.IsUnknown()}, {"api_secret", cfg.APISecret.IsUnknown()}, {"base_url", cfg.BaseURL.IsUnknown()},
		{"max_retries", cfg.MaxRetries.IsUnknown()}, {"request_timeout", cfg.RequestTimeout.IsUnknown()},
	} {
		if setting.unknown {
			s.unknown = append(s.unknown, setting.attr)
		}
	}

	s.apiKey = firstSet(cfg.APIKey, env(EnvAPIKey))
	s.apiSecret = firstSet(cfg.APISecret, env(EnvAPISecret))
	s.baseURL = firstSet(cfg.BaseURL, env(EnvBaseURL), livedesk.DefaultBaseURL)
	if s.apiKey == "" && !cfg.APIKey.IsUnknown() {
		diags.AddAttributeError(path.Root("api_key"), "Missing LiveDesk API key",
			fmt.Sprintf("Set api_key in the provider block or the %s environment variable to the API Key from LiveDesk (Project Settings → API Management). No request was sent.", EnvAPIKey))
	}
	if s.apiSecret == "" && !cfg.APISecret.IsUnknown() {
		diags.AddAttributeError(path.Root("api_secret"), "Missing LiveDesk API secret",
			fmt.Sprintf("Set api_secret in the provider block or the %s environment variable to the API Secret that belongs to the API Key. No request was sent.", EnvAPISecret))
	}
	if problem := baseURLProblem(s.baseURL); problem != "" && !cfg.BaseURL.IsUnknown() {
		diags.AddAttributeError(path.Root("base_url"), "Invalid LiveDesk base URL",
			fmt.Sprintf("base_url (from the provider block or %s): %s", EnvBaseURL, problem))
	}
	s.maxRetries = livedesk.DefaultMaxRetries
	if !cfg.MaxRetries.IsNull() && !cfg.MaxRetries.IsUnknown() {
		retries, problem := maxRetriesValue(cfg.MaxRetries.ValueBigFloat())
		if problem != "" {
			diags.AddAttributeError(path.Root("max_retries"), "Invalid max_retries", problem)
		}
		s.maxRetries = retries
	}
	if !cfg.RequestTimeout.IsUnknown() {
		timeout, err := parseRequestTimeout(firstSet(cfg.RequestTimeout, defaultRequestTimeout))
		if err != nil {
			diags.AddAttributeError(path.Root("request_timeout"), "Invalid request_timeout", err.Error())
		}
		s.requestTimeout = timeout
	}
	return s, diags
}

// maxRetriesValue converts max_retries, or explains why it is not a whole
// number from 0 to maxMaxRetries.
func maxRetriesValue(value *big.Float) (int, string) {
	if value != nil && value.IsInt() && value.Sign() >= 0 && value.Cmp(big.NewFloat(maxMaxRetries)) <= 0 {
		n, _ := value.Int64()
		return int(n), ""
	}
	return 0, fmt.Sprintf("max_retries is %s; it must be a whole number from 0 to %d (how many times a failed request is tried again).",
		value.Text('g', -1), maxMaxRetries)
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

// unknownSettingsError is what every request returns while settings is
// incomplete: the client that would send it cannot be built yet.
type unknownSettingsError struct {
	attrs []string
}

// Error names the unknown settings, says why nothing can be read and what
// to do.
func (e unknownSettingsError) Error() string {
	names := strings.Join(e.attrs, ", ")
	return fmt.Sprintf("No request was sent: the provider setting %s depends on a value that is not known until apply "+
		"(an attribute of a resource that is not yet created or is being replaced). Resources that are created or changed plan without "+
		"the API, but reading a data source, and refreshing or importing a contact or a ticket, need LiveDesk while Terraform plans. Set %s to a literal, "+
		"a variable or its environment variable, or apply what it depends on first (terraform apply -target=<address>).", names, names)
}

// parseRequestTimeout parses request_timeout, a Go duration string such as
// "30s" from minRequestTimeout to maxRequestTimeout.
func parseRequestTimeout(text string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(text))
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration; write it like \"30s\", \"1m30s\" or \"2m\"", text)
	}
	if d < minRequestTimeout || d > maxRequestTimeout {
		return 0, fmt.Errorf("%q is out of range: request_timeout must be from %s to %s (how long one request may take)",
			text, minRequestTimeout, formatDuration(maxRequestTimeout))
	}
	return d, nil
}

// formatDuration writes a whole number of minutes as "10m" rather than
// time.Duration's "10m0s".
func formatDuration(d time.Duration) string {
	text := d.String()
	if strings.HasSuffix(text, "m0s") {
		text = strings.TrimSuffix(text, "0s")
	}
	return text
}

// baseURLPath is the path of a valid base URL, or "".
func baseURLPath(baseURL string) string {
	if u, err := livedesk.ParseBaseURL(baseURL); err == nil {
		return u.Path
	}
	return ""
}

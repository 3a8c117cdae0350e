package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// stringCheck is a plan-time string validator built from a function that
// explains what is wrong with a value, or returns "" when it is fine.
// Null and unknown values are left alone: unknown ones are checked again
// once known.
type stringCheck struct {
	description string
	problem     func(value string) string
}

var _ validator.String = stringCheck{}

// Description says what the validator requires.
func (v stringCheck) Description(context.Context) string { return v.description }

// MarkdownDescription says what the validator requires.
func (v stringCheck) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// ValidateString reports the problem, if any, against the attribute.
func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := v.problem(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), problem)
	}
}

// nonBlank requires text with at least one character that is not white
// space.
func nonBlank() validator.String {
	return stringvalidator.RegexMatches(regexp.MustCompile(`\S`), "must not be empty or only white space: LiveDesk refuses a message without text")
}

// notEmptySetting refuses a provider setting written as "", as base_url
// refuses one: an empty value is neither a credential nor a request to use
// the environment variable, which applies when the attribute is left out.
func notEmptySetting(envVar string) validator.String {
	return stringCheck{
		description: "must not be empty",
		problem: func(value string) string {
			if strings.TrimSpace(value) == "" {
				return fmt.Sprintf("is empty. Set it, or leave it out of the provider block to use the %s environment variable.", envVar)
			}
			return ""
		},
	}
}

// httpURL requires an absolute http(s) URL.
func httpURL() validator.String {
	return stringCheck{description: "must be an http(s) URL", problem: baseURLProblem}
}

// baseURLProblem explains what is wrong with a base URL, or returns "".
// It never shows credentials the URL carries.
func baseURLProblem(value string) string {
	if _, err := livedesk.ParseBaseURL(value); err == nil {
		return ""
	}
	shown := livedesk.RedactURL(value)
	if shown != value {
		return fmt.Sprintf("%q must not carry credentials: set api_key and api_secret (or %s and %s) instead.", shown, EnvAPIKey, EnvAPISecret)
	}
	return fmt.Sprintf("%q is not an http(s) URL. Use %s or the URL of another LiveDesk endpoint.", value, livedesk.DefaultBaseURL)
}

// positiveDuration requires a Go duration string greater than zero.
func positiveDuration() validator.String {
	return stringCheck{
		description: "must be a duration such as \"30s\"",
		problem: func(value string) string {
			if _, err := parsePositiveDuration(value); err != nil {
				return err.Error()
			}
			return ""
		},
	}
}

// rfc3339 requires a time written as RFC 3339, such as
// "2026-12-01T09:00:00Z".
func rfc3339() validator.String {
	return stringCheck{
		description: "must be an RFC 3339 time such as \"2026-12-01T09:00:00Z\"",
		problem: func(value string) string {
			if _, err := time.Parse(time.RFC3339, value); err != nil {
				return fmt.Sprintf("%q is not an RFC 3339 time; write it like \"2026-12-01T09:00:00Z\" or \"2026-12-01T17:00:00+08:00\".", value)
			}
			return ""
		},
	}
}

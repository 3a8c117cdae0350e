package provider

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

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

// nonBlank requires text with at least one visible character: LiveDesk
// refuses a message without text, and one made only of white space or
// invisible characters shows the customer nothing.
func nonBlank() validator.String {
	return stringCheck{
		description: "must not be empty or only white space",
		problem: func(value string) string {
			if isBlank(value) {
				return "must not be empty or only white space (invisible characters such as a no-break space, a zero-width space, " +
					"a zero-width joiner or the Braille blank U+2800 count as white space): LiveDesk refuses a message without text. Write the text, or leave content out and attach files."
			}
			return ""
		},
	}
}

// isBlank reports whether text shows nothing: every character is Unicode
// white space (U+00A0 NO-BREAK SPACE and U+3000 IDEOGRAPHIC SPACE
// included), a control character, a format character (category Cf: U+200B
// ZERO WIDTH SPACE, U+200D ZERO WIDTH JOINER, U+FEFF the byte order mark,
// the bidirectional marks), a variation selector, a character Unicode
// declares ignorable and that renders as nothing (the Hangul fillers,
// U+034F COMBINING GRAPHEME JOINER), or U+2800 BRAILLE PATTERN BLANK, a
// symbol whose glyph is empty.
func isBlank(text string) bool {
	for _, r := range text {
		if r != brailleBlank && !unicode.IsSpace(r) &&
			!unicode.In(r, unicode.Zs, unicode.Cc, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point) {
			return false
		}
	}
	return true
}

// brailleBlank is U+2800 BRAILLE PATTERN BLANK: the Braille cell with no
// dot raised, drawn as nothing.
const brailleBlank = '\u2800'

// notEmptySetting refuses a provider setting written as "", as base_url
// refuses one: an empty value is neither a credential nor a request to use
// the environment variable, which applies when the attribute is left out.
func notEmptySetting(attr, envVar string) validator.String {
	return stringCheck{
		description: "must not be empty",
		problem: func(value string) string {
			if strings.TrimSpace(value) == "" {
				return fmt.Sprintf("%s is empty in the provider block. Set %s, or leave it out of the provider block to use the %s environment variable.",
					attr, attr, envVar)
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
// The URL is shown with livedesk.RedactURL, so that a password, a query
// value or a fragment it carries never appears in an error.
func baseURLProblem(value string) string {
	shown := livedesk.RedactURL(value)
	if trimmed := strings.TrimSpace(value); trimmed != value && trimmed != "" {
		return fmt.Sprintf("%q has white space before or after the URL. Remove it: base_url = %q.", shown, livedesk.RedactURL(trimmed))
	}
	if _, err := livedesk.ParseBaseURL(value); err == nil {
		return ""
	}
	u, err := url.Parse(strings.TrimSpace(value))
	authority := value
	if end := strings.IndexAny(value, "?#"); end >= 0 {
		authority = value[:end]
	}
	switch {
	case strings.Contains(authority, "@"):
		return fmt.Sprintf("%q must not carry credentials: set api_key and api_secret (or %s and %s) instead.", shown, EnvAPIKey, EnvAPISecret)
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "":
		return fmt.Sprintf("%q is not an http(s) URL. Use %s or the URL of another LiveDesk endpoint.", shown, livedesk.DefaultBaseURL)
	case u.RawQuery != "" || u.ForceQuery:
		return fmt.Sprintf("%q has a query (the part from \"?\" on): the provider appends the API paths to base_url, so a query would end up "+
			"in the middle of every request URL. Remove it; credentials go in api_key and api_secret.", shown)
	default:
		return fmt.Sprintf("%q has a fragment (the part from \"#\" on), which is never sent to a server. Remove it.", shown)
	}
}

// requestTimeout requires a Go duration string within the range
// parseRequestTimeout allows.
func requestTimeout() validator.String {
	return stringCheck{
		description: fmt.Sprintf("must be a duration from %s to %s, such as \"30s\"", minRequestTimeout, formatDuration(maxRequestTimeout)),
		problem: func(value string) string {
			if _, err := parseRequestTimeout(value); err != nil {
				return err.Error()
			}
			return ""
		},
	}
}

// retryCount is the plan-time validator of max_retries, a number rather
// than a whole number in the schema so that a value such as 1.5 gets this
// error instead of the framework's conversion error.
type retryCount struct{}

var _ validator.Number = retryCount{}

// Description says what the validator requires.
func (retryCount) Description(context.Context) string {
	return fmt.Sprintf("must be a whole number from 0 to %d", maxMaxRetries)
}

// MarkdownDescription says what the validator requires.
func (v retryCount) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// ValidateNumber reports a value that maxRetriesValue refuses.
func (retryCount) ValidateNumber(_ context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, problem := maxRetriesValue(req.ConfigValue.ValueBigFloat()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), problem)
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

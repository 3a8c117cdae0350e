package provider

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

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

// idElements requires each element of a list of ids to be a LiveDesk id. The
// framework checks an id's type (idValue.ValidateAttribute) on attributes
// only, not on the elements of a list, so the list checks them at plan
// time instead of the first request failing at apply.
type idElements struct{}

var _ validator.List = idElements{}

// eachID is the idElements validator.
func eachID() validator.List { return idElements{} }

// Description says what the validator requires.
func (idElements) Description(context.Context) string {
	return "each element must be a LiveDesk id, a positive whole number such as \"407\""
}

// MarkdownDescription says what the validator requires.
func (v idElements) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// ValidateList reports each element that is null or not an id, at its
// index. Unknown elements are checked again once known.
func (idElements) ValidateList(ctx context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for i, element := range req.ConfigValue.Elements() {
		at := req.Path.AtListIndex(i)
		id, ok := element.(basetypes.StringValuable)
		if !ok || element.IsUnknown() {
			continue
		}
		text, _ := id.ToStringValue(ctx)
		if text.IsNull() {
			resp.Diagnostics.AddAttributeError(at, "Invalid "+at.String(), "The list holds a null: list only ids, such as \"407\".")
		} else if _, err := parseID(text.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(at, "Invalid "+at.String(), err.Error())
		}
	}
}

// snoozeTime is the validator of every snoozed_until (livedesk_conversation,
// the entries of livedesk_conversations, the livedesk_set_conversation_status
// action): an RFC 3339 time, refused otherwise, and a warning when it is
// already past. A past time is not refused: a configuration that snoozed a
// conversation until a time that has since passed stays valid, and the
// plan, not the validator, knows whether anything is sent.
type snoozeTime struct {
	// now is the clock; time.Now unless a test sets it.
	now func() time.Time
}

var _ validator.String = snoozeTime{}

// snoozeUntil is the snoozeTime validator on the machine's clock.
func snoozeUntil() validator.String { return snoozeTime{now: time.Now} }

// Description says what the validator requires.
func (snoozeTime) Description(context.Context) string {
	return "must be an RFC 3339 time such as \"2026-12-01T09:00:00Z\"; a time already past is warned about"
}

// MarkdownDescription says what the validator requires.
func (v snoozeTime) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// ValidateString refuses a value that is not RFC 3339 and warns about one
// in the past.
func (v snoozeTime) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	rfc3339().ValidateString(ctx, req, resp)
	if resp.Diagnostics.HasError() || req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	until, _ := time.Parse(time.RFC3339, req.ConfigValue.ValueString())
	if ago := v.now().Sub(until); ago > 0 {
		resp.Diagnostics.AddAttributeWarning(req.Path, req.Path.String()+" is in the past",
			fmt.Sprintf("%s = %q was %s ago. LiveDesk reopens a snoozed conversation once its snoozed_until has passed, so a conversation "+
				"snoozed with this time does not stay snoozed. Set a time in the future, or leave snoozed_until out to snooze the "+
				"conversation until the contact's next message.", req.Path, req.ConfigValue.ValueString(), roughDuration(ago)))
	}
}

// roughDuration writes how long ago something was, for people: "3 days",
// "5 hours", "12 minutes", "40 seconds".
func roughDuration(d time.Duration) string {
	for _, unit := range []struct {
		size time.Duration
		name string
	}{{24 * time.Hour, "day"}, {time.Hour, "hour"}, {time.Minute, "minute"}} {
		if n := int64(d / unit.size); n >= 1 {
			if n == 1 {
				return "1 " + unit.name
			}
			return fmt.Sprintf("%d %ss", n, unit.name)
		}
	}
	if n := int64(d / time.Second); n != 1 {
		return fmt.Sprintf("%d seconds", n)
	}
	return "1 second"
}

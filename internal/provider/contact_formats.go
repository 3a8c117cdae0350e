package provider

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// e164 is a phone number in E.164 format: "+", then 2 to 15 digits, the
// first not 0. LiveDesk refuses any other phone_number (Chatwoot's contact
// model checks the same digits, anchored only at the end).
var e164 = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)

// emailAddress is what LiveDesk accepts as an email: one "@" with text and
// no white space on each side (Devise's default email_regexp, which
// Chatwoot's contact model uses).
var emailAddress = regexp.MustCompile(`^[^@\s]+@[^@\s]+$`)

// phoneFormat refuses, at plan time, a phone_number LiveDesk would refuse.
func phoneFormat() validator.String {
	return stringvalidator.RegexMatches(e164,
		`must be in E.164 format: "+", then 2 to 15 digits, the first not 0, with no spaces or dashes, such as "+6591234567"`)
}

// emailFormat refuses, at plan time, an email LiveDesk would refuse.
func emailFormat() validator.String {
	return stringvalidator.RegexMatches(emailAddress,
		`must be an email address: one "@" with text and no spaces on each side, such as "alice@acme.inc"`)
}

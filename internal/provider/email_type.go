package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// LiveDesk stores emails lower-case and compares them case-insensitively.
// emailType is the one place that rule lives: its values are semantically
// equal when they differ in letter case alone, so the framework keeps the
// configured spelling when a refresh or an apply returns LiveDesk's, and
// keepEmailSpelling (a plan modifier) applies the same equality to a
// configuration edited in case only, since the framework does not apply
// semantic equality to plans.

var (
	_ basetypes.StringTypable                    = emailType
	_ basetypes.StringValuableWithSemanticEquals = emailValue{}
)

// emailType is the attribute type of an email address.
var emailType = stringType[emailValue]{name: "email address", wrap: func(s basetypes.StringValue) emailValue { return emailValue{StringValue: s} }}

// emailValue is an email address.
type emailValue struct {
	basetypes.StringValue
}

// Type is emailType.
func (v emailValue) Type(context.Context) attr.Type { return emailType }

// Equal reports whether o is the same spelling of the same address.
func (v emailValue) Equal(o attr.Value) bool {
	other, ok := o.(emailValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals reports whether two addresses differ in case alone.
func (v emailValue) StringSemanticEquals(_ context.Context, other basetypes.StringValuable) (bool, diag.Diagnostics) {
	o, ok := other.(emailValue)
	return ok && v.sameAddress(o), nil
}

// sameAddress reports whether v and o are known and differ in case alone.
func (v emailValue) sameAddress(o emailValue) bool {
	if v.IsNull() || o.IsNull() || v.IsUnknown() || o.IsUnknown() {
		return false
	}
	return strings.EqualFold(v.ValueString(), o.ValueString())
}

// keepEmailSpelling keeps the prior email when the configured one is the
// same address in another letter case, so the plan shows no change where
// LiveDesk would hold the same.
func keepEmailSpelling() planmodifier.String { return keepEmailSpellingModifier{} }

type keepEmailSpellingModifier struct{}

// Description says what the modifier does.
func (keepEmailSpellingModifier) Description(context.Context) string {
	return "an email differing in letter case alone is not a change"
}

// MarkdownDescription says what the modifier does.
func (m keepEmailSpellingModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

// PlanModifyString keeps the state value when it is the same address.
func (keepEmailSpellingModifier) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if (emailValue{StringValue: req.PlanValue}).sameAddress(emailValue{StringValue: req.StateValue}) {
		resp.PlanValue = req.StateValue
	}
}

// emailOf is the email value of an address LiveDesk returned; "" is null.
func emailOf(s string) emailValue { return emailValue{StringValue: optionalString(s)} }

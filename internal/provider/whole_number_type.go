package provider

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Terraform has one number type; the framework's Int64 attributes refuse a
// configured 1.5 with its own words ("Value %!s(*big.Float=1.5) is not an
// integer", or a conversion error that calls itself "always an error in the
// provider"). wholeNumberType is an Int64 attribute type that refuses it
// with the provider's words instead. Its values are plain types.Int64, so
// models, defaults, validators and plan modifiers stay those of an Int64
// attribute; only a configured number that is not whole is told apart.

var _ basetypes.Int64Typable = wholeNumberType{}

// wholeNumberType is the type of a whole-number attribute. example is a
// value to suggest, such as 8.
type wholeNumberType struct {
	basetypes.Int64Type
	example int64
}

// wholeNumber is a whole-number type whose message suggests example.
func wholeNumber(example int64) wholeNumberType { return wholeNumberType{example: example} }

// Equal reports whether o is a whole-number type or the Int64 type: the
// values are types.Int64, whose type is the Int64 type, so objects built
// from them must match an object type declared with this one.
func (t wholeNumberType) Equal(o attr.Type) bool {
	switch o.(type) {
	case wholeNumberType, basetypes.Int64Type:
		return true
	}
	return false
}

// String names the type in framework messages.
func (t wholeNumberType) String() string { return "whole number" }

// notWhole returns a known number that is not a whole number within
// int64, or nil.
func notWhole(in tftypes.Value) *big.Float {
	if !in.IsKnown() || in.IsNull() {
		return nil
	}
	var f *big.Float
	if err := in.As(&f); err != nil || f == nil {
		return nil
	}
	if _, accuracy := f.Int64(); f.IsInt() && accuracy == big.Exact {
		return nil
	}
	return f
}

// ValueFromTerraform decodes a value as the Int64 type does, except that a
// number that is not whole reads as unknown, rather than failing, so that
// Validate can say what is wrong with it. Terraform validates the
// configuration before anything else reads it, so the unknown stand-in
// never reaches a plan.
func (t wholeNumberType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	if notWhole(in) != nil {
		return basetypes.NewInt64Unknown(), nil
	}
	return t.Int64Type.ValueFromTerraform(ctx, in)
}

// Validate refuses a number that is not whole, or too large, naming the
// attribute and the value.
func (t wholeNumberType) Validate(_ context.Context, in tftypes.Value, at path.Path) diag.Diagnostics {
	var diags diag.Diagnostics
	f := notWhole(in)
	switch {
	case f == nil:
	case f.IsInt():
		diags.AddAttributeError(at, "Invalid "+at.String(),
			fmt.Sprintf("%s = %s is far too large. Write a small whole number, such as %d.", at, f.Text('g', -1), t.example))
	default:
		diags.AddAttributeError(at, "Invalid "+at.String(),
			fmt.Sprintf("%s = %s is not a whole number. Write a whole number without a fraction, such as %d.", at, f.Text('g', -1), t.example))
	}
	return diags
}

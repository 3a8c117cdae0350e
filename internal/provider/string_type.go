package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// stringType is a custom string attribute type whose values are V: the
// framework plumbing the id and email types share. A value type V carries
// the behaviour (validation, semantic equality); stringType only converts
// between it and Terraform's strings.
type stringType[V basetypes.StringValuable] struct {
	basetypes.StringType
	// name names the type in framework messages.
	name string
	// wrap makes a V of a plain string value.
	wrap func(basetypes.StringValue) V
}

// Equal reports whether o is the same custom type.
func (t stringType[V]) Equal(o attr.Type) bool {
	_, ok := o.(stringType[V])
	return ok
}

// String names the type in framework messages.
func (t stringType[V]) String() string { return t.name }

// ValueFromString wraps a string value.
func (t stringType[V]) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return t.wrap(in), nil
}

// ValueFromTerraform decodes a value from Terraform.
func (t stringType[V]) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return t.wrap(s), nil
}

// ValueType is the value type V.
func (t stringType[V]) ValueType(context.Context) attr.Value {
	return t.wrap(basetypes.NewStringNull())
}

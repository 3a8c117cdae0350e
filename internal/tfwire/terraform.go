package tfwire

import (
	"fmt"
	"maps"
	"math/big"
	"slices"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// ToTerraform is v as terraform-plugin-go's value of type t, for the few
// small values handed to code that reads those (the framework's types and
// validators).
func ToTerraform(v Value, t tftypes.Type) (tftypes.Value, error) {
	switch v.kind {
	case Null:
		return tftypes.NewValue(t, nil), nil
	case Unknown:
		return tftypes.NewValue(t, tftypes.UnknownValue), nil
	}
	switch t := t.(type) {
	case tftypes.Object:
		attrs := make(map[string]tftypes.Value, len(t.AttributeTypes))
		for name, at := range t.AttributeTypes {
			elem, err := ToTerraform(v.Attr(name), at)
			if err != nil {
				return tftypes.Value{}, fmt.Errorf("%q: %w", name, err)
			}
			attrs[name] = elem
		}
		return tftypes.NewValue(t, attrs), nil
	case tftypes.Map:
		elems := make(map[string]tftypes.Value, len(v.keys))
		for i, key := range v.keys {
			elem, err := ToTerraform(v.elems[i], t.ElementType)
			if err != nil {
				return tftypes.Value{}, fmt.Errorf("%q: %w", key, err)
			}
			elems[key] = elem
		}
		return tftypes.NewValue(t, elems), nil
	case tftypes.List:
		elems, err := toTerraformElements(v, t.ElementType)
		return tftypes.NewValue(t, elems), err
	case tftypes.Set:
		elems, err := toTerraformElements(v, t.ElementType)
		return tftypes.NewValue(t, elems), err
	}
	switch {
	case t.Is(tftypes.String) && v.kind == String:
		return tftypes.NewValue(t, v.s), nil
	case t.Is(tftypes.Bool) && v.kind == Bool:
		return tftypes.NewValue(t, v.b), nil
	case t.Is(tftypes.Number) && v.kind == Number && v.isInt:
		return tftypes.NewValue(t, new(big.Float).SetInt64(v.n)), nil
	case t.Is(tftypes.Number) && v.kind == Number:
		return tftypes.NewValue(t, big.NewFloat(v.f)), nil
	}
	return tftypes.Value{}, kindError(v, t)
}

// toTerraformElements are the elements of a list as values of type t.
func toTerraformElements(v Value, t tftypes.Type) ([]tftypes.Value, error) {
	if v.kind != List {
		return nil, fmt.Errorf("a %s value is not a list", v.kind)
	}
	elems := make([]tftypes.Value, len(v.elems))
	for i, elem := range v.elems {
		var err error
		if elems[i], err = ToTerraform(elem, t); err != nil {
			return nil, fmt.Errorf("[%d]: %w", i, err)
		}
	}
	return elems, nil
}

// FromTerraform is terraform-plugin-go's value as a Value.
func FromTerraform(tv tftypes.Value) (Value, error) {
	switch {
	case !tv.IsKnown():
		return UnknownValue(), nil
	case tv.IsNull():
		return NullValue(), nil
	}
	t := tv.Type()
	switch t.(type) {
	case tftypes.Object, tftypes.Map:
		var attrs map[string]tftypes.Value
		if err := tv.As(&attrs); err != nil {
			return Value{}, err
		}
		keys := slices.Sorted(maps.Keys(attrs))
		elems := make([]Value, len(keys))
		for i, key := range keys {
			var err error
			if elems[i], err = FromTerraform(attrs[key]); err != nil {
				return Value{}, fmt.Errorf("%q: %w", key, err)
			}
		}
		return MapValue(keys, elems), nil
	case tftypes.List, tftypes.Set:
		var list []tftypes.Value
		if err := tv.As(&list); err != nil {
			return Value{}, err
		}
		elems := make([]Value, len(list))
		for i, elem := range list {
			var err error
			if elems[i], err = FromTerraform(elem); err != nil {
				return Value{}, fmt.Errorf("[%d]: %w", i, err)
			}
		}
		return ListValue(elems), nil
	}
	switch {
	case t.Is(tftypes.String):
		var s string
		err := tv.As(&s)
		return StringValue(s), err
	case t.Is(tftypes.Bool):
		var b bool
		err := tv.As(&b)
		return BoolValue(b), err
	case t.Is(tftypes.Number):
		var f big.Float
		if err := tv.As(&f); err != nil {
			return Value{}, err
		}
		return parseNumber(f.Text('g', -1))
	}
	return Value{}, fmt.Errorf("type %s is not supported", t)
}

package tfwire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// DecodeJSON reads a value of type t as Terraform stores it in a state
// file. An object attribute t does not have is left out, so that a state
// written by an older schema reads.
func DecodeJSON(data []byte, t tftypes.Type) (Value, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var raw any
	if err := d.Decode(&raw); err != nil {
		return Value{}, err
	}
	return fromJSON(raw, t)
}

// fromJSON is a decoded JSON value as a value of type t.
func fromJSON(raw any, t tftypes.Type) (Value, error) {
	if raw == nil {
		return NullValue(), nil
	}
	switch t := t.(type) {
	case tftypes.Object:
		return mapFromJSON(raw, t, func(key string) (tftypes.Type, bool) {
			at, ok := t.AttributeTypes[key]
			return at, ok
		})
	case tftypes.Map:
		return mapFromJSON(raw, t, func(string) (tftypes.Type, bool) { return t.ElementType, true })
	case tftypes.List:
		return listFromJSON(raw, t, t.ElementType)
	case tftypes.Set:
		return listFromJSON(raw, t, t.ElementType)
	}
	switch raw := raw.(type) {
	case string:
		if t.Is(tftypes.String) {
			return StringValue(raw), nil
		}
		if t.Is(tftypes.Number) {
			return parseNumber(raw)
		}
	case bool:
		if t.Is(tftypes.Bool) {
			return BoolValue(raw), nil
		}
	case json.Number:
		if t.Is(tftypes.Number) {
			return parseNumber(raw.String())
		}
	}
	return Value{}, fmt.Errorf("%v is not a %s", raw, t)
}

// mapFromJSON is a JSON object as a map or an object; elementType is the
// type under a key, and false for a key to leave out.
func mapFromJSON(raw any, t tftypes.Type, elementType func(string) (tftypes.Type, bool)) (Value, error) {
	object, ok := raw.(map[string]any)
	if !ok {
		return Value{}, fmt.Errorf("%v is not a %s", raw, t)
	}
	keys, elems := make([]string, 0, len(object)), make([]Value, 0, len(object))
	for _, key := range slices.Sorted(maps.Keys(object)) {
		et, ok := elementType(key)
		if !ok {
			continue
		}
		elem, err := fromJSON(object[key], et)
		if err != nil {
			return Value{}, fmt.Errorf("%q: %w", key, err)
		}
		keys, elems = append(keys, key), append(elems, elem)
	}
	return MapValue(keys, elems), nil
}

// listFromJSON is a JSON array as a list or a set.
func listFromJSON(raw any, t, elementType tftypes.Type) (Value, error) {
	array, ok := raw.([]any)
	if !ok {
		return Value{}, fmt.Errorf("%v is not a %s", raw, t)
	}
	elems := make([]Value, len(array))
	for i, rawElem := range array {
		elem, err := fromJSON(rawElem, elementType)
		if err != nil {
			return Value{}, fmt.Errorf("[%d]: %w", i, err)
		}
		elems[i] = elem
	}
	return ListValue(elems), nil
}

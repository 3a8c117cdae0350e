// Package tfwire reads and writes Terraform's values as the plugin
// protocol carries them (MessagePack, and JSON for stored states) without
// building terraform-plugin-go's tftypes values, whose construction checks
// every nested value against its type again and records its path: for a
// value of tens of thousands of attributes that cost most of a provider's
// CPU per request. The schema's type guides every read and write, so a
// value read here is what tftypes would read, and a value written here is
// what Terraform reads back. Numbers are held as int64 or float64: a
// number that fits neither exactly (more than 15 significant digits with
// a fraction, or beyond 2^63 without) is rounded.
package tfwire

import "fmt"

// Kind is what a Value holds.
type Kind uint8

// The kinds of values. Collections and objects are known values with
// elements; Null and Unknown have none.
const (
	Null Kind = iota
	Unknown
	String
	Number
	Bool
	// List is a list (or set) value: elements in order.
	List
	// Map is a map or an object value: elements by key.
	Map
)

// Value is a Terraform value of a type the reader or writer is given: a
// null, an unknown, a primitive, or a collection of Values.
type Value struct {
	kind Kind
	// isInt is set for a number held in n; else it is in f.
	isInt bool
	b     bool
	n     int64
	f     float64
	s     string
	// keys name elems for a Map; nil for a List.
	keys  []string
	elems []Value
}

// NullValue is the null value of any type.
func NullValue() Value { return Value{kind: Null} }

// UnknownValue is the value of any type known only at apply.
func UnknownValue() Value { return Value{kind: Unknown} }

// StringValue is a known string.
func StringValue(s string) Value { return Value{kind: String, s: s} }

// IntValue is a known whole number.
func IntValue(n int64) Value { return Value{kind: Number, isInt: true, n: n} }

// FloatValue is a known number that may have a fraction.
func FloatValue(f float64) Value { return Value{kind: Number, f: f} }

// BoolValue is a known bool.
func BoolValue(b bool) Value { return Value{kind: Bool, b: b} }

// ListValue is a known list of elems.
func ListValue(elems []Value) Value {
	if elems == nil {
		elems = []Value{}
	}
	return Value{kind: List, elems: elems}
}

// MapValue is a known map or object: elems[i] under keys[i].
func MapValue(keys []string, elems []Value) Value {
	if len(keys) != len(elems) {
		panic(fmt.Sprintf("tfwire: %d keys for %d elements", len(keys), len(elems)))
	}
	if keys == nil {
		keys, elems = []string{}, []Value{}
	}
	return Value{kind: Map, keys: keys, elems: elems}
}

// Kind is what v holds.
func (v Value) Kind() Kind { return v.kind }

// IsNull reports whether v is null.
func (v Value) IsNull() bool { return v.kind == Null }

// IsKnown reports whether v is known at plan (a null value is known).
func (v Value) IsKnown() bool { return v.kind != Unknown }

// Str is a string value's text; "" for any other kind.
func (v Value) Str() string { return v.s }

// Bool is a bool value's truth; false for any other kind.
func (v Value) Bool() bool { return v.b }

// Int is a number value as a whole number, its fraction dropped; 0 for
// any other kind.
func (v Value) Int() int64 {
	if v.isInt {
		return v.n
	}
	return int64(v.f)
}

// Len is how many elements a list or map holds.
func (v Value) Len() int { return len(v.elems) }

// Elem is element i of a list or map, in the order read or written.
func (v Value) Elem(i int) Value { return v.elems[i] }

// Key is the key of element i of a map.
func (v Value) Key(i int) string { return v.keys[i] }

// Attr is the element of a map or object under key; the null value when
// there is none.
func (v Value) Attr(key string) Value {
	for i, k := range v.keys {
		if k == key {
			return v.elems[i]
		}
	}
	return Value{}
}

package conversation

import "fmt"

// Value is a value of a configuration, a plan or a state: null, known, or
// not known until apply.
type Value[T comparable] struct {
	value   T
	known   bool
	unknown bool
}

// Known is the value v.
func Known[T comparable](v T) Value[T] { return Value[T]{value: v, known: true} }

// Null is the null value.
func Null[T comparable]() Value[T] { return Value[T]{} }

// Unknown is a value known only at apply.
func Unknown[T comparable]() Value[T] { return Value[T]{unknown: true} }

// Get is the value; the zero value when it is null or unknown.
func (v Value[T]) Get() T { return v.value }

// IsNull reports whether the value is null.
func (v Value[T]) IsNull() bool { return !v.known && !v.unknown }

// IsUnknown reports whether the value is known only at apply.
func (v Value[T]) IsUnknown() bool { return v.unknown }

// IsKnown reports whether the value is known and not null.
func (v Value[T]) IsKnown() bool { return v.known }

// Equal reports whether both are null, both unknown, or both the same
// known value.
func (v Value[T]) Equal(o Value[T]) bool {
	return v.known == o.known && v.unknown == o.unknown && v.value == o.value
}

// String writes the value for messages and test failures.
func (v Value[T]) String() string {
	switch {
	case v.unknown:
		return "(known after apply)"
	case !v.known:
		return "null"
	}
	return fmt.Sprint(v.value)
}

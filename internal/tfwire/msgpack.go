package tfwire

import (
	"bytes"
	"fmt"
	"math"
	"math/big"
	"slices"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"
	"github.com/vmihailenco/msgpack/v5/msgpcode"
)

// unknownEncoding is how Terraform writes a value known only at apply: a
// MessagePack extension of type 0. Any extension reads as unknown, as
// Terraform's own reader takes it (refined unknowns use other types).
var unknownEncoding = msgpack.RawMessage{0xd4, 0, 0}

// Decode reads a MessagePack value of type t. Data that is not such a
// value (cut short, of another type, or claiming more elements than it
// holds) is an error, never a panic or a huge allocation.
func Decode(data []byte, t tftypes.Type) (Value, error) {
	r := bytes.NewReader(data)
	v, err := decode(&reader{msgpack.NewDecoder(r), r}, t)
	if err == nil && r.Len() > 0 {
		err = fmt.Errorf("%d bytes after the value", r.Len())
	}
	return v, err
}

// reader is a decoder with the data left to it, which bounds the lengths
// it believes: every element takes at least a byte.
type reader struct {
	*msgpack.Decoder
	data *bytes.Reader
}

// length checks a collection's length against the data left.
func (d *reader) length(n int, err error) (int, error) {
	if err == nil && n > d.data.Len() {
		err = fmt.Errorf("a collection of %d elements in %d bytes", n, d.data.Len())
	}
	return n, err
}

// decode reads the next value of type t.
func decode(d *reader, t tftypes.Type) (Value, error) {
	code, err := d.PeekCode()
	if err != nil {
		return Value{}, err
	}
	switch {
	case msgpcode.IsExt(code):
		return UnknownValue(), d.Skip()
	case code == msgpcode.Nil:
		return NullValue(), d.Skip()
	}
	switch t := t.(type) {
	case tftypes.Object:
		return decodeMap(d, func(key string) (tftypes.Type, bool) {
			at, ok := t.AttributeTypes[key]
			return at, ok
		})
	case tftypes.Map:
		return decodeMap(d, func(string) (tftypes.Type, bool) { return t.ElementType, true })
	case tftypes.List:
		return decodeList(d, t.ElementType)
	case tftypes.Set:
		return decodeList(d, t.ElementType)
	}
	switch {
	case t.Is(tftypes.String):
		s, err := d.DecodeString()
		return StringValue(s), err
	case t.Is(tftypes.Bool):
		b, err := d.DecodeBool()
		return BoolValue(b), err
	case t.Is(tftypes.Number):
		return decodeNumber(d, code)
	}
	return Value{}, fmt.Errorf("type %s is not supported", t)
}

// decodeMap reads a map or an object; elementType is the type of the
// element under a key, and false for a key the type does not have.
func decodeMap(d *reader, elementType func(string) (tftypes.Type, bool)) (Value, error) {
	n, err := d.length(d.DecodeMapLen())
	if err != nil {
		return Value{}, err
	}
	keys, elems := make([]string, n), make([]Value, n)
	for i := range n {
		if keys[i], err = d.DecodeString(); err != nil {
			return Value{}, err
		}
		t, ok := elementType(keys[i])
		if !ok {
			return Value{}, fmt.Errorf("attribute %q is not in the schema", keys[i])
		}
		if elems[i], err = decode(d, t); err != nil {
			return Value{}, fmt.Errorf("%q: %w", keys[i], err)
		}
	}
	return MapValue(keys, elems), nil
}

// decodeList reads a list or a set of elements of type t.
func decodeList(d *reader, t tftypes.Type) (Value, error) {
	n, err := d.length(d.DecodeArrayLen())
	if err != nil {
		return Value{}, err
	}
	elems := make([]Value, n)
	for i := range n {
		if elems[i], err = decode(d, t); err != nil {
			return Value{}, fmt.Errorf("[%d]: %w", i, err)
		}
	}
	return ListValue(elems), nil
}

// decodeNumber reads a number written as an integer, a float, or (when
// it fits neither) a decimal string.
func decodeNumber(d *reader, code byte) (Value, error) {
	switch {
	case msgpcode.IsFixedNum(code), code == msgpcode.Int8, code == msgpcode.Int16, code == msgpcode.Int32, code == msgpcode.Int64:
		n, err := d.DecodeInt64()
		return IntValue(n), err
	case code == msgpcode.Uint8, code == msgpcode.Uint16, code == msgpcode.Uint32, code == msgpcode.Uint64:
		n, err := d.DecodeUint64()
		if n > math.MaxInt64 {
			return FloatValue(float64(n)), err
		}
		return IntValue(int64(n)), err
	case code == msgpcode.Float, code == msgpcode.Double:
		f, err := d.DecodeFloat64()
		if err == nil && (math.IsNaN(f) || math.IsInf(f, 0)) {
			err = fmt.Errorf("%v is not a number Terraform holds", f)
		}
		return FloatValue(f), err
	}
	s, err := d.DecodeString()
	if err != nil {
		return Value{}, err
	}
	return parseNumber(s)
}

// parseNumber reads a decimal number.
func parseNumber(s string) (Value, error) {
	f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	if err != nil {
		return Value{}, fmt.Errorf("%q is not a number: %w", s, err)
	}
	if n, accuracy := f.Int64(); accuracy == big.Exact {
		return IntValue(n), nil
	}
	v, _ := f.Float64()
	if math.IsInf(v, 0) {
		return Value{}, fmt.Errorf("%q is beyond the numbers this provider holds", s)
	}
	return FloatValue(v), nil
}

// Encode writes v, a value of type t, as MessagePack. An object's
// attributes are those of t: one v lacks is written null, and one t lacks
// is left out (a state written by an older schema).
func Encode(v Value, t tftypes.Type) ([]byte, error) {
	var buf bytes.Buffer
	e := msgpack.NewEncoder(&buf)
	if err := encode(e, v, t); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// encode writes v as a value of type t.
func encode(e *msgpack.Encoder, v Value, t tftypes.Type) error {
	switch v.kind {
	case Null:
		return e.EncodeNil()
	case Unknown:
		return unknownEncoding.EncodeMsgpack(e)
	}
	switch t := t.(type) {
	case tftypes.Object:
		if v.kind != Map {
			return kindError(v, t)
		}
		return encodeObject(e, v, t)
	case tftypes.Map:
		if v.kind != Map {
			return kindError(v, t)
		}
		if err := e.EncodeMapLen(len(v.keys)); err != nil {
			return err
		}
		for i, key := range v.keys {
			if err := encodeElement(e, key, v.elems[i], t.ElementType); err != nil {
				return err
			}
		}
		return nil
	case tftypes.List:
		return encodeList(e, v, t, t.ElementType)
	case tftypes.Set:
		return encodeList(e, v, t, t.ElementType)
	}
	switch {
	case t.Is(tftypes.String) && v.kind == String:
		return e.EncodeString(v.s)
	case t.Is(tftypes.Bool) && v.kind == Bool:
		return e.EncodeBool(v.b)
	case t.Is(tftypes.Number) && v.kind == Number && v.isInt:
		return e.EncodeInt(v.n)
	case t.Is(tftypes.Number) && v.kind == Number:
		return e.EncodeFloat64(v.f)
	}
	return kindError(v, t)
}

// encodeObject writes an object with exactly the attributes of t.
func encodeObject(e *msgpack.Encoder, v Value, t tftypes.Object) error {
	present := 0
	for _, key := range v.keys {
		if _, ok := t.AttributeTypes[key]; ok {
			present++
		}
	}
	var missing []string
	if present < len(t.AttributeTypes) {
		for name := range t.AttributeTypes {
			if !slices.Contains(v.keys, name) {
				missing = append(missing, name)
			}
		}
		slices.Sort(missing)
	}
	if err := e.EncodeMapLen(present + len(missing)); err != nil {
		return err
	}
	for i, key := range v.keys {
		if at, ok := t.AttributeTypes[key]; ok {
			if err := encodeElement(e, key, v.elems[i], at); err != nil {
				return err
			}
		}
	}
	for _, name := range missing {
		if err := encodeElement(e, name, NullValue(), t.AttributeTypes[name]); err != nil {
			return err
		}
	}
	return nil
}

// encodeElement writes one key of a map or object and its value.
func encodeElement(e *msgpack.Encoder, key string, v Value, t tftypes.Type) error {
	if err := e.EncodeString(key); err != nil {
		return err
	}
	if err := encode(e, v, t); err != nil {
		return fmt.Errorf("%q: %w", key, err)
	}
	return nil
}

// encodeList writes a list or a set of elements of type elementType.
func encodeList(e *msgpack.Encoder, v Value, t, elementType tftypes.Type) error {
	if v.kind != List {
		return kindError(v, t)
	}
	if err := e.EncodeArrayLen(len(v.elems)); err != nil {
		return err
	}
	for i, elem := range v.elems {
		if err := encode(e, elem, elementType); err != nil {
			return fmt.Errorf("[%d]: %w", i, err)
		}
	}
	return nil
}

// kindError says that a value does not have the type it is written as.
func kindError(v Value, t tftypes.Type) error {
	return fmt.Errorf("a %s value cannot be written as %s", v.kind, t)
}

// String names a kind.
func (k Kind) String() string {
	return [...]string{"null", "unknown", "string", "number", "bool", "list", "map"}[k]
}

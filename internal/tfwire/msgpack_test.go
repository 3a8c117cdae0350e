package tfwire

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// testType has every kind this package reads, nested as a resource's
// schema nests them.
var testType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"s": tftypes.String, "n": tftypes.Number, "b": tftypes.Bool,
	"tags": tftypes.Map{ElementType: tftypes.String},
	"ids":  tftypes.Set{ElementType: tftypes.Number},
	"entries": tftypes.Map{ElementType: tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"name": tftypes.String,
		"messages": tftypes.List{ElementType: tftypes.Object{AttributeTypes: map[string]tftypes.Type{
			"content": tftypes.String, "private": tftypes.Bool, "at": tftypes.Number,
			"files": tftypes.List{ElementType: tftypes.String},
		}}},
	}}},
}}

// randomValue is a value of type t, null or unknown at any level with
// some chance.
func randomValue(r *rand.Rand, t tftypes.Type, depth int) tftypes.Value {
	switch r.IntN(8) {
	case 0:
		return tftypes.NewValue(t, nil)
	case 1:
		return tftypes.NewValue(t, tftypes.UnknownValue)
	}
	switch t := t.(type) {
	case tftypes.Object:
		attrs := map[string]tftypes.Value{}
		for name, at := range t.AttributeTypes {
			attrs[name] = randomValue(r, at, depth+1)
		}
		return tftypes.NewValue(t, attrs)
	case tftypes.Map:
		elems := map[string]tftypes.Value{}
		for i := range r.IntN(4) {
			elems[fmt.Sprintf("k%d", i)] = randomValue(r, t.ElementType, depth+1)
		}
		return tftypes.NewValue(t, elems)
	case tftypes.List:
		elems := []tftypes.Value{}
		for range r.IntN(4) {
			elems = append(elems, randomValue(r, t.ElementType, depth+1))
		}
		return tftypes.NewValue(t, elems)
	case tftypes.Set:
		elems := []tftypes.Value{}
		for i := range r.IntN(3) {
			elems = append(elems, tftypes.NewValue(t.ElementType, big.NewFloat(float64(i)+0.5)))
		}
		return tftypes.NewValue(t, elems)
	}
	switch {
	case t.Is(tftypes.String):
		return tftypes.NewValue(t, strings.Repeat("é", r.IntN(40)))
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(t, r.IntN(2) == 0)
	}
	numbers := []*big.Float{big.NewFloat(0), big.NewFloat(-1), big.NewFloat(1.5), new(big.Float).SetInt64(1 << 40),
		new(big.Float).SetInt64(-1 << 62), big.NewFloat(1e30), new(big.Float).SetUint64(1 << 63), big.NewFloat(r.Float64())}
	return tftypes.NewValue(t, numbers[r.IntN(len(numbers))])
}

// TestDecodeReadsWhatTerraformPluginGoWrites writes random values with
// terraform-plugin-go and reads them here: every kind, null and unknown at
// every level, numbers of every MessagePack width.
func TestDecodeReadsWhatTerraformPluginGoWrites(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		want := randomValue(r, testType, 0)
		dv, err := tfprotov6.NewDynamicValue(testType, want)
		if err != nil {
			t.Fatal(err)
		}
		v, err := Decode(dv.MsgPack, testType)
		if err != nil {
			t.Fatalf("value %d: %v", i, err)
		}
		got, err := ToTerraform(v, testType)
		if err != nil {
			t.Fatalf("value %d: %v", i, err)
		}
		if !got.Equal(want) {
			t.Fatalf("value %d read as\n%s\nwant\n%s", i, got, want)
		}
	}
}

// TestEncodeWritesWhatTerraformPluginGoReads writes random values here and
// reads them with terraform-plugin-go.
func TestEncodeWritesWhatTerraformPluginGoReads(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 500 {
		want := randomValue(r, testType, 0)
		v, err := FromTerraform(want)
		if err != nil {
			t.Fatal(err)
		}
		data, err := Encode(v, testType)
		if err != nil {
			t.Fatalf("value %d: %v", i, err)
		}
		got, err := (&tfprotov6.DynamicValue{MsgPack: data}).Unmarshal(testType)
		if err != nil {
			t.Fatalf("value %d: %v", i, err)
		}
		if !got.Equal(want) {
			t.Fatalf("value %d written as\n%s\nwant\n%s", i, got, want)
		}
	}
}

// TestEncodeWritesExactlyTheTypesAttributes: an attribute the value lacks
// is written null, one the type lacks is left out.
func TestEncodeWritesExactlyTheTypesAttributes(t *testing.T) {
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"a": tftypes.String, "b": tftypes.Number}}
	data, err := Encode(MapValue([]string{"a", "gone"}, []Value{StringValue("x"), BoolValue(true)}), typ)
	if err != nil {
		t.Fatal(err)
	}
	got, err := (&tfprotov6.DynamicValue{MsgPack: data}).Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	want := tftypes.NewValue(typ, map[string]tftypes.Value{"a": tftypes.NewValue(tftypes.String, "x"), "b": tftypes.NewValue(tftypes.Number, nil)})
	if !got.Equal(want) {
		t.Fatalf("written as %s, want %s", got, want)
	}
}

// TestDecodeErrorsSayWhere: a value that does not have the type is an
// error naming where, never a panic.
func TestDecodeErrorsSayWhere(t *testing.T) {
	other := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"entries": tftypes.Map{ElementType: tftypes.Object{
		AttributeTypes: map[string]tftypes.Type{"name": tftypes.Bool}}}}}
	dv, err := tfprotov6.NewDynamicValue(other, tftypes.NewValue(other, map[string]tftypes.Value{"entries": tftypes.NewValue(other.AttributeTypes["entries"],
		map[string]tftypes.Value{"k": tftypes.NewValue(other.AttributeTypes["entries"].(tftypes.Map).ElementType, map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.Bool, true)})})}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Decode(dv.MsgPack, testType)
	if err == nil || !strings.Contains(err.Error(), `"entries": "k": "name"`) {
		t.Fatalf("error %v, want one naming entries, k and name", err)
	}
	for _, data := range [][]byte{{}, {0x81}, {0x81, 0xa1, 's'}, {0x81, 0xa1, 'x', 0xc0}} {
		if _, err := Decode(data, testType); err == nil {
			t.Errorf("% x read without an error", data)
		}
	}
	if _, err := Encode(StringValue("x"), testType); err == nil || !strings.Contains(err.Error(), "string value cannot be written as") {
		t.Errorf("Encode of a string as an object: %v", err)
	}
}

// TestDecodeJSONReadsAStoredState: numbers, nested values, an attribute
// of an older schema left out, and one the state lacks written null.
func TestDecodeJSONReadsAStoredState(t *testing.T) {
	v, err := DecodeJSON([]byte(`{"s": "x", "n": 1700000000, "b": null, "removed": [1, 2], "ids": [0.5],
		"entries": {"k": {"name": "n", "messages": [{"content": "hi", "private": false, "at": 1.5, "files": ["a"]}]}}}`), testType)
	if err != nil {
		t.Fatal(err)
	}
	data, err := Encode(v, testType)
	if err != nil {
		t.Fatal(err)
	}
	got, err := (&tfprotov6.DynamicValue{MsgPack: data}).Unmarshal(testType)
	if err != nil {
		t.Fatal(err)
	}
	want, err := (&tfprotov6.RawState{JSON: []byte(`{"s": "x", "n": 1700000000, "b": null, "tags": null, "ids": [0.5],
		"entries": {"k": {"name": "n", "messages": [{"content": "hi", "private": false, "at": 1.5, "files": ["a"]}]}}}`)}).Unmarshal(testType)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(want) {
		t.Fatalf("read as %s, want %s", got, want)
	}
	if _, err := DecodeJSON([]byte(`{"n": "many"}`), testType); err == nil || !strings.Contains(err.Error(), `"n"`) {
		t.Errorf("a number that does not parse: %v", err)
	}
}

// BenchmarkDecode compares reading a value of 1000 entries of 5 messages
// here and with terraform-plugin-go.
func BenchmarkDecode(b *testing.B) {
	entry := testType.AttributeTypes["entries"].(tftypes.Map).ElementType.(tftypes.Object)
	message := entry.AttributeTypes["messages"].(tftypes.List).ElementType.(tftypes.Object)
	entries := map[string]tftypes.Value{}
	for i := range 1000 {
		var messages []tftypes.Value
		for j := range 5 {
			messages = append(messages, tftypes.NewValue(message, map[string]tftypes.Value{
				"content": tftypes.NewValue(tftypes.String, fmt.Sprintf("message %d", j)), "private": tftypes.NewValue(tftypes.Bool, false),
				"at": tftypes.NewValue(tftypes.Number, big.NewFloat(1700000000)), "files": tftypes.NewValue(message.AttributeTypes["files"], nil)}))
		}
		entries[fmt.Sprint(i)] = tftypes.NewValue(entry, map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, "n"),
			"messages": tftypes.NewValue(entry.AttributeTypes["messages"], messages)})
	}
	value := tftypes.NewValue(testType, map[string]tftypes.Value{"s": tftypes.NewValue(tftypes.String, nil), "n": tftypes.NewValue(tftypes.Number, nil),
		"b": tftypes.NewValue(tftypes.Bool, nil), "tags": tftypes.NewValue(testType.AttributeTypes["tags"], nil), "ids": tftypes.NewValue(testType.AttributeTypes["ids"], nil),
		"entries": tftypes.NewValue(testType.AttributeTypes["entries"], entries)})
	dv, err := tfprotov6.NewDynamicValue(testType, value)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("tfwire", func(b *testing.B) {
		for b.Loop() {
			v, err := Decode(dv.MsgPack, testType)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := Encode(v, testType); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("tftypes", func(b *testing.B) {
		for b.Loop() {
			v, err := dv.Unmarshal(testType)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := tfprotov6.NewDynamicValue(testType, v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// FuzzDecode: whatever the bytes, Decode returns a value or an error; a
// value it returns is written back as what it read.
func FuzzDecode(f *testing.F) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 20 {
		dv, err := tfprotov6.NewDynamicValue(testType, randomValue(r, testType, 0))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(dv.MsgPack)
	}
	f.Add([]byte{0xdf, 0xff, 0xff, 0xff, 0xff})
	f.Add([]byte{0x81, 0xa7, 'e', 'n', 't', 'r', 'i', 'e', 's', 0xdf, 0x7f, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Decode(data, testType)
		if err != nil {
			return
		}
		again, err := Encode(v, testType)
		if err != nil {
			t.Fatalf("% x read as a value that does not write: %v", data, err)
		}
		w, err := Decode(again, testType)
		if err != nil {
			t.Fatalf("% x written as % x, which does not read: %v", data, again, err)
		}
		if a, b := fmt.Sprint(ToTerraform(v, testType)), fmt.Sprint(ToTerraform(w, testType)); a != b {
			t.Fatalf("% x read as %s, written and read again as %s", data, a, b)
		}
	})
}

// TestNumbersTerraformCannotHoldAreErrors: NaN, infinities and numbers
// beyond float64 are refused, never read as something else.
func TestNumbersTerraformCannotHoldAreErrors(t *testing.T) {
	for _, data := range [][]byte{
		{0xcb, 0x7f, 0xf8, 0, 0, 0, 0, 0, 1}, // NaN
		{0xcb, 0x7f, 0xf0, 0, 0, 0, 0, 0, 0}, // +Inf
		append([]byte{0xa7}, "1e99999"...),
	} {
		if v, err := Decode(data, tftypes.Number); err == nil {
			t.Errorf("% x read as %v", data, v)
		}
	}
	v, err := Decode(append([]byte{0xa5}, "12.50"...), tftypes.Number)
	if tv, _ := ToTerraform(v, tftypes.Number); err != nil || !tv.Equal(tftypes.NewValue(tftypes.Number, big.NewFloat(12.5))) {
		t.Errorf("a number written as a string reads as %v, %v", tv, err)
	}
}

package bench

import (
	"reflect"
	"testing"
)

func TestParseSizes(t *testing.T) {
	t.Parallel()
	got, err := ParseSizes("20x4, 100x4,3x0")
	if err != nil {
		t.Fatal(err)
	}
	want := []Size{{20, 4}, {100, 4}, {3, 0}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseSizes = %v, want %v", got, want)
	}
	if got[0].String() != "20x4" || got[0].Messages() != 80 || got[0].Creates() != 100 {
		t.Errorf("20x4: String %q, Messages %d, Creates %d", got[0].String(), got[0].Messages(), got[0].Creates())
	}
}

func TestParseSizesRefusesMalformedSizes(t *testing.T) {
	t.Parallel()
	for _, text := range []string{"", "20", "20x", "x4", "0x4", "20x-1", "20x4,", "20*4", "20x4x1"} {
		if _, err := ParseSizes(text); err == nil {
			t.Errorf("ParseSizes(%q) succeeded", text)
		}
	}
}

package provider

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestPlannedFileHashes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	file := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(file, []byte("abc"), 0o600); err != nil {
		t.Fatal(err)
	}
	list := func(values ...attr.Value) types.List { return types.ListValueMust(types.StringType, values) }
	const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	cases := map[string]struct {
		files types.List
		want  types.List
	}{
		"null":            {types.ListNull(types.StringType), types.ListNull(types.StringType)},
		"unknown list":    {types.ListUnknown(types.StringType), types.ListUnknown(types.StringType)},
		"unknown element": {list(types.StringValue(file), types.StringUnknown()), types.ListUnknown(types.StringType)},
		"known":           {list(types.StringValue(file)), list(types.StringValue(abc))},
	}
	for name, tc := range cases {
		got, diags := plannedFileHashes(ctx, tc.files)
		if diags.HasError() || !got.Equal(tc.want) {
			t.Errorf("%s: got %v (%v), want %v", name, got, diags, tc.want)
		}
	}
	if _, diags := plannedFileHashes(ctx, list(types.StringValue(filepath.Join(dir, "missing")))); !diags.HasError() {
		t.Error("a missing file gave no error")
	}
}

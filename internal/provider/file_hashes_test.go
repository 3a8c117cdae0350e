package provider

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// sha256Hex is the hex SHA-256 of data, as files_sha256 holds it.
func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func stringList(values ...string) types.List {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.ListValueMust(types.StringType, elems)
}

func TestPlannedHashesForAMessageToSend(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "a.txt")
	writeFile(t, file, []byte("abc"))
	abc := sha256Hex([]byte("abc"))
	cases := map[string]struct {
		files types.List
		want  types.List
	}{
		"null":            {types.ListNull(types.StringType), types.ListNull(types.StringType)},
		"unknown list":    {types.ListUnknown(types.StringType), types.ListUnknown(types.StringType)},
		"unknown element": {types.ListValueMust(types.StringType, []attr.Value{types.StringValue(file), types.StringUnknown()}), types.ListUnknown(types.StringType)},
		"known":           {stringList(file), stringList(abc)},
	}
	for name, tc := range cases {
		var diags diag.Diagnostics
		got := plannedHashes(path.Root("files"), tc.files, nil, &diags)
		if diags.HasError() || !got.Equal(tc.want) {
			t.Errorf("%s: got %v (%v), want %v", name, got, diags, tc.want)
		}
	}
	var diags diag.Diagnostics
	plannedHashes(path.Root("files"), stringList(filepath.Join(dir, "missing")), nil, &diags)
	if !diags.HasError() {
		t.Error("a missing file of a message to send gave no error")
	}
}

func TestPlannedHashesForASentMessage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "a.txt")
	writeFile(t, file, []byte("abc"))
	abc := sha256Hex([]byte("abc"))
	gone := filepath.Join(dir, "gone.txt")
	sentHash := sha256Hex([]byte("sent long ago"))
	sent := &sentFiles{Files: stringList(gone, file), FilesSHA256: stringList(sentHash, abc)}

	var diags diag.Diagnostics
	respelled := filepath.Join(dir, ".", "a.txt")
	if got := plannedHashes(path.Root("files"), stringList(gone, respelled), sent, &diags); diags.HasError() || !got.Equal(stringList(sentHash, abc)) {
		t.Errorf("deleted file at its sent path and a respelled path: got %v (%v), want the sent hashes", got, diags)
	}

	diags = nil
	plannedHashes(path.Root("files"), stringList(filepath.Join(dir, "moved.txt")), sent, &diags)
	if !diags.HasError() {
		t.Error("a changed path naming no file gave no error")
	}

	diags = nil
	writeFile(t, file, []byte("abcd"))
	if got := plannedHashes(path.Root("files"), stringList(gone, file), sent, &diags); diags.HasError() || got.Equal(stringList(sentHash, abc)) {
		t.Errorf("edited file: got %v (%v), want a new hash", got, diags)
	}
}

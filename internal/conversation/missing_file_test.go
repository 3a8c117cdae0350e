package conversation

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMissingFileHintsAtPathModuleOnlyWhereItHelps runs in a directory
// laid out like a root module with a child module, and checks the error
// for a missing file: where it was looked for, and the path.module hint
// only for a path that does not already start from a module's directory.
func TestMissingFileHintsAtPathModuleOnlyWhereItHelps(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "modules", "child"), 0o700); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"main.tf":               `module "child" { source = "./modules/child" }`,
		"modules/child/main.tf": `# the child module`,
	} {
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(root, "files"), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	const hint = `${path.module}/...`
	for _, tc := range []struct {
		path     string
		wantHint bool
	}{
		{"missing.pdf", true},                            // a bare relative path
		{"files/missing.pdf", true},                      // below a directory that is no module
		{"./missing.pdf", false},                         // "${path.module}/missing.pdf" in the root module
		{"modules/child/missing.pdf", false},             // "${path.module}/missing.pdf" in the child module
		{"modules/child/docs/missing.pdf", false},        // further below the child module
		{".terraform/modules/net/missing.pdf", false},    // a downloaded module's path.module
		{"../elsewhere/missing.pdf", false},              // deliberately outside the working directory
		{filepath.Join(root, "missing.pdf"), false},      // absolute: abspath(path.module) or path.root
		{filepath.Join(root, "x", "missing.pdf"), false}, // absolute below a missing directory
	} {
		err := CheckReadableFile(tc.path)
		if err == nil {
			t.Fatalf("%s: no error for a missing file", tc.path)
		}
		text := err.Error()
		if !strings.HasPrefix(text, `no file at "`+tc.path+`"`) {
			t.Errorf("%s: the error %q does not start by naming the path", tc.path, text)
		}
		if got := strings.Contains(text, hint); got != tc.wantHint {
			t.Errorf("%s: path.module hint shown = %v, want %v: %s", tc.path, got, tc.wantHint, text)
		}
		if !filepath.IsAbs(tc.path) && !strings.Contains(text, filepath.Join(root, tc.path)) {
			t.Errorf("%s: the error does not say where the relative path was looked for: %s", tc.path, text)
		}
	}
}

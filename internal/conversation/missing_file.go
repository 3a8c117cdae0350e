package conversation

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// missingFileHint explains, for a relative path, where it was looked for
// and, unless the path already starts from a module's directory, how to
// name a file beside the configuration. path.module is "." in the root
// module, so "${path.module}/x" arrives as "./x"; in a child module it is
// that module's directory (which holds .tf files), or a directory under
// .terraform/modules for a downloaded one.
func missingFileHint(path string) string {
	if filepath.IsAbs(path) {
		return ""
	}
	hint := " (relative paths start from the directory Terraform runs in"
	if abs, err := filepath.Abs(path); err == nil {
		hint += fmt.Sprintf(": looked for %q", abs)
	}
	first, _, _ := strings.Cut(filepath.ToSlash(filepath.Clean(path)), "/")
	if strings.HasPrefix(filepath.ToSlash(path), "./") || first == ".." || first == ".terraform" || inModuleDirectory(path) {
		return hint + ")"
	}
	return hint + "; use \"${path.module}/...\" for files beside the configuration)"
}

// inModuleDirectory reports whether a relative path lies below a directory,
// other than the one Terraform runs in, that holds .tf or .tf.json files: a
// module's directory, which "${path.module}/..." starts from.
func inModuleDirectory(path string) bool {
	for dir := filepath.Dir(filepath.Clean(path)); dir != "." && dir != ".." && !strings.HasPrefix(dir, ".."+string(filepath.Separator)); dir = filepath.Dir(dir) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if !e.IsDir() && (strings.HasSuffix(e.Name(), ".tf") || strings.HasSuffix(e.Name(), ".tf.json")) {
				return true
			}
		}
	}
	return false
}

package provider

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// checkReadableFile explains why path cannot be sent as an attachment.
func checkReadableFile(path string) error {
	info, err := os.Stat(path)
	switch {
	case os.IsNotExist(err):
		return fmt.Errorf("no file at %q (relative paths start from the directory Terraform runs in; use \"${path.module}/...\" for files beside the configuration)", path)
	case err != nil:
		return fmt.Errorf("cannot read %q: %w", path, err)
	case info.IsDir():
		return fmt.Errorf("%q is a directory; list the files in it one by one", path)
	case !info.Mode().IsRegular():
		return fmt.Errorf("%q is not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot read %q: %w", path, err)
	}
	return f.Close()
}

// hashFile returns the hex SHA-256 of a file's bytes.
func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("cannot read %q: %w", path, err)
	}
	defer func() { _ = f.Close() }()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("cannot read %q: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// sha256Hex returns the hex SHA-256 of data.
func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// hashFiles hashes each file, in order.
func hashFiles(paths []string) ([]string, error) {
	hashes := make([]string, 0, len(paths))
	for _, p := range paths {
		sum, err := hashFile(p)
		if err != nil {
			return nil, err
		}
		hashes = append(hashes, sum)
	}
	return hashes, nil
}

// loadFiles reads the files to attach.
func loadFiles(paths []string) ([]livedesk.File, error) {
	files := make([]livedesk.File, 0, len(paths))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("cannot read %q: %w", p, err)
		}
		files = append(files, livedesk.File{Name: filepath.Base(p), Data: data})
	}
	return files, nil
}

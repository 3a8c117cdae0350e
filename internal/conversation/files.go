package conversation

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// An attached file is identified by its bytes, not by the path that names
// it: files_sha256 records the SHA-256 of each file as planned and sent.
// A path respelled to the same bytes changes nothing in LiveDesk, new bytes
// make a new message, and a file is read only when its message is about to
// be planned for sending or sent.

// CheckReadableFile explains why path cannot be sent as an attachment.
func CheckReadableFile(path string) error {
	info, err := os.Stat(path)
	switch {
	case os.IsNotExist(err):
		return fmt.Errorf("no file at %q%s", path, missingFileHint(path))
	case err != nil:
		return fmt.Errorf("cannot read %q: %w", path, err)
	case info.IsDir():
		return fmt.Errorf("%q is a directory; list the files in it one by one", path)
	case !info.Mode().IsRegular():
		return fmt.Errorf("%q is not a regular file", path)
	}
	return nil
}

// HashFile returns the hex SHA-256 of a file's bytes.
func HashFile(path string) (string, error) {
	if err := CheckReadableFile(path); err != nil {
		return "", err
	}
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

// HashFiles hashes each file, in order: the files of a message about to be
// sent, so each must be readable.
func HashFiles(paths []string) ([]string, error) {
	hashes := make([]string, 0, len(paths))
	for _, p := range paths {
		sum, err := HashFile(p)
		if err != nil {
			return nil, err
		}
		hashes = append(hashes, sum)
	}
	return hashes, nil
}

// RehashSentFiles hashes the files of a message that was already sent, to
// tell whether the configuration still names the bytes it was sent with.
// A file that can no longer be read keeps the hash it was sent with as long
// as its path is unchanged: it was deleted or moved after the send, which
// changes nothing in LiveDesk. A changed path must name a readable file.
func RehashSentFiles(paths, sentPaths, sentHashes []string) ([]string, error) {
	hashes := make([]string, 0, len(paths))
	for i, p := range paths {
		sum, err := HashFile(p)
		if err != nil {
			if i < len(sentPaths) && i < len(sentHashes) && sentPaths[i] == p {
				sum = sentHashes[i]
			} else {
				return nil, err
			}
		}
		hashes = append(hashes, sum)
	}
	return hashes, nil
}

// UnreadableFile is the summary of the error about a file that cannot be
// read to plan the message that attaches it.
const UnreadableFile = "Cannot read a file to attach"

// PlannedHashes are the Hashes planned for e: unknown while a path is,
// null without files. For a message to be sent (sent is nil) every file is
// hashed and must be readable; for a message already sent, whose files and
// hashes sent has, see RehashSentFiles. The error says which file cannot
// be read (see UnreadableFile); the hashes are then unknown.
func (e Element) PlannedHashes(sent *Message) (Value[string], error) {
	switch {
	case e.FilesUnknown:
		return Unknown[string](), nil
	case e.Files == nil:
		return Null[string](), nil
	}
	var hashes []string
	var err error
	if sent == nil {
		hashes, err = HashFiles(e.Files)
	} else {
		hashes, err = RehashSentFiles(e.Files, sent.Files, SplitHashes(sent.Hashes))
	}
	if err != nil {
		return Unknown[string](), err
	}
	return Known(strings.Join(hashes, ",")), nil
}

// PinnedFiles are the files to send, each checked while it is sent against
// the hash the plan recorded: a file edited after the plan stops the request
// before it is complete, so LiveDesk never receives bytes nobody reviewed.
func PinnedFiles(paths, hashes []string) []livedesk.File {
	files := make([]livedesk.File, len(paths))
	for i, p := range paths {
		want := hashes[i]
		files[i] = livedesk.File{Name: filepath.Base(p), Open: func() (io.ReadCloser, error) {
			f, err := os.Open(p)
			if err != nil {
				return nil, fmt.Errorf("cannot read %q: %w", p, err)
			}
			return &pinnedReader{file: f, path: p, want: want, hash: sha256.New()}, nil
		}}
	}
	return files
}

// ErrFileChanged marks a file whose bytes are not those the plan recorded.
var ErrFileChanged = errors.New("the file changed since the plan")

// pinnedReader reads a file while hashing it, and fails at its end when the
// hash is not the planned one.
type pinnedReader struct {
	file *os.File
	path string
	want string
	hash hash.Hash
}

// Read reads the file; at its end it compares the hash.
func (r *pinnedReader) Read(p []byte) (int, error) {
	n, err := r.file.Read(p)
	r.hash.Write(p[:n])
	if errors.Is(err, io.EOF) {
		if got := hex.EncodeToString(r.hash.Sum(nil)); got != r.want {
			return n, fmt.Errorf("%w: %q has SHA-256 %s, the plan recorded %s", ErrFileChanged, r.path, got, r.want)
		}
	}
	return n, err
}

// Close releases the file. It checks nothing: only a read to the end
// compares the hash, and a body cut short never reaches LiveDesk whole.
func (r *pinnedReader) Close() error { return r.file.Close() }

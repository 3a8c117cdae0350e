package livedesk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"
)

const (
	testKey    = "test-key"
	testSecret = "test-secret-do-not-print"
)

// recordedRequest is what a fake server saw of one request.
type recordedRequest struct {
	Method      string
	Path        string
	ContentType string
	Auth        string
	UserAgent   string
	Body        []byte
}

// fakeAPI serves a scripted sequence of handlers and records every request.
type fakeAPI struct {
	mu       sync.Mutex
	requests []recordedRequest
	handlers []http.HandlerFunc
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body := make([]byte, 0)
	if r.Body != nil {
		buf := make([]byte, 1<<20)
		for {
			n, err := r.Body.Read(buf)
			body = append(body, buf[:n]...)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return // an incomplete request: nothing a server could act on
			}
		}
	}
	f.mu.Lock()
	f.requests = append(f.requests, recordedRequest{
		Method: r.Method, Path: r.URL.Path, ContentType: r.Header.Get("Content-Type"),
		Auth: r.Header.Get("Authorization"), UserAgent: r.Header.Get("User-Agent"), Body: body,
	})
	idx := len(f.requests) - 1
	if idx >= len(f.handlers) {
		idx = len(f.handlers) - 1
	}
	handler := f.handlers[idx]
	f.mu.Unlock()
	handler(w, r)
}

func (f *fakeAPI) recorded() []recordedRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recordedRequest(nil), f.requests...)
}

// respond answers with a status and body.
func respond(status int, body string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
}

// sleepRecorder replaces the client's sleep and records the waits.
type sleepRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleepRecorder) sleep(_ context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.waits = append(s.waits, d)
	return nil
}

// newTestClient starts a fake API with the given handlers and returns a
// client for it whose sleeps are recorded instead of waited.
func newTestClient(t *testing.T, cfg Config, handlers ...http.HandlerFunc) (*Client, *fakeAPI, *sleepRecorder) {
	t.Helper()
	api := &fakeAPI{handlers: handlers}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	if cfg.BaseURL == "" {
		cfg.BaseURL = srv.URL
	}
	cfg.APIKey, cfg.APISecret = testKey, testSecret
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	rec := &sleepRecorder{}
	c.sleep = rec.sleep
	return c, api, rec
}

// fixture reads a file of testdata.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

var lineComment = regexp.MustCompile(`(?m)//[^"\n]*$`)

// fixtureJSON reads a vendor request example, drops its // comments, and
// decodes it generically so that JSON kinds (number vs string) are kept.
func fixtureJSON(t *testing.T, name string) map[string]any {
	t.Helper()
	var out map[string]any
	if err := json.Unmarshal(lineComment.ReplaceAll(fixture(t, name), nil), &out); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out
}

func decodeGeneric(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("decoding %s: %v", data, err)
	}
	return out
}

// bytesFile is an attachment read from memory.
func bytesFile(name string, data []byte) File {
	return File{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
}

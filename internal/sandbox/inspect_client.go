package sandbox

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// Inspect fetches the text state listing of the sandbox at baseURL
// (GET /_sandbox/state?format=text) and copies it to w, so that scripts
// need no HTTP client of their own.
func Inspect(ctx context.Context, baseURL string, w io.Writer) error {
	url := strings.TrimSuffix(baseURL, "/") + "/_sandbox/state?format=text"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	_, err = io.Copy(w, resp.Body)
	return err
}

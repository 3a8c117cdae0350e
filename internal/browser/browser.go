// Package browser drives a local headless Chromium through the DevTools
// protocol (chromedp): the sandbox inbox view's browser tests and the
// demo's screenshot use it. It only ever opens the URLs it is given, which
// are the sandbox's on loopback; Chromium's own background traffic
// (updates, sync, metrics) is switched off.
package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/chromedp/chromedp"
)

// EnvPath names the environment variable that chooses the Chromium binary.
const EnvPath = "LIVEDESK_CHROMIUM"

// candidates are the names a Chromium binary goes by on PATH, in the order
// Find tries them: Debian's package first.
var candidates = []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "chrome"}

// ErrNotFound says that no Chromium was found; its message says how to
// install one.
var ErrNotFound = errors.New("no Chromium found: install Debian's package (apt-get install chromium), " +
	"or set " + EnvPath + " to the path of a Chromium or Chrome binary")

// Find returns the path of the Chromium to use: $LIVEDESK_CHROMIUM when it
// is set, else the first of chromium, chromium-browser, google-chrome-stable,
// google-chrome and chrome on PATH. The error wraps ErrNotFound.
func Find() (string, error) {
	if p := os.Getenv(EnvPath); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("%s=%s is not an executable: %w", EnvPath, p, ErrNotFound)
		}
		return path, nil
	}
	for _, name := range candidates {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", fmt.Errorf("looked for %s on PATH: %w", strings.Join(candidates, ", "), ErrNotFound)
}

// Window is the size of the browser window, in CSS pixels.
type Window struct{ Width, Height int }

// New starts the headless Chromium at path with a window of the given size
// and returns a context for one tab in it; cancel closes the browser and
// removes its temporary profile. As root (in a container) Chromium refuses
// to start with its sandbox, and CI runners may forbid the user namespaces
// it needs, so it runs without it there (CI=true); it only ever opens the
// sandbox's own pages.
func New(ctx context.Context, path string, win Window) (context.Context, context.CancelFunc) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.WindowSize(win.Width, win.Height),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("disable-dev-shm-usage", true), // containers have a small /dev/shm
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-pings", true),
	)
	if os.Geteuid() == 0 || os.Getenv("CI") == "true" {
		opts = append(opts, chromedp.NoSandbox)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	return tabCtx, func() {
		cancelTab()
		cancelAlloc()
	}
}

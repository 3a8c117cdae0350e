// Command livedesk-screenshot opens a page of the sandbox's inbox view in
// headless Chromium, saves a screenshot of it and prints what loading it
// cost (page weight and time to first paint). `make demo` runs it on the
// seeded inbox when a Chromium is installed. It exits 3 when no Chromium is
// found, so that a script can tell that apart from a failure.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/browser"
)

// timeout bounds the whole run, Chromium's start included.
const timeout = 60 * time.Second

// exitNoChromium is the exit code when no Chromium is found.
const exitNoChromium = 3

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without os.Exit: 0 on success, 2 for unusable flags,
// exitNoChromium without a Chromium, 1 for any other failure.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("livedesk-screenshot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", "", "page of the inbox view to open, e.g. http://127.0.0.1:8765/conversations/1 (required)")
	out := fs.String("out", "", "PNG file to write (required)")
	selector := fs.String("wait", "main", "CSS selector to wait for before the screenshot")
	width := fs.Int("width", 1280, "window width in CSS pixels")
	height := fs.Int("height", 860, "window height in CSS pixels")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *url == "" || *out == "" {
		fmt.Fprintln(stderr, "livedesk-screenshot: -url and -out are required")
		return 2
	}
	path, err := browser.Find()
	if err != nil {
		fmt.Fprintln(stderr, "livedesk-screenshot:", err)
		if errors.Is(err, browser.ErrNotFound) {
			return exitNoChromium
		}
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	tab, closeBrowser := browser.New(ctx, path, browser.Window{Width: *width, Height: *height})
	defer closeBrowser()
	metrics, err := browser.Measure(tab, *url, *selector)
	if err != nil {
		fmt.Fprintln(stderr, "livedesk-screenshot:", err)
		return 1
	}
	if err := browser.Screenshot(tab, *url, *selector, *out); err != nil {
		fmt.Fprintln(stderr, "livedesk-screenshot:", err)
		return 1
	}
	fmt.Fprintf(stdout, "screenshot: %s\n%s: %s\n", *out, *url, metrics)
	return 0
}

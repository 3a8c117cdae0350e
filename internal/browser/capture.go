package browser

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/chromedp"
)

// Screenshot opens url in the tab of ctx, waits until selector is visible
// and every image has loaded, and writes a PNG of the whole page to file.
func Screenshot(ctx context.Context, url, selector, file string) error {
	if err := chromedp.Do(ctx,
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS(selector)),
		chromedp.Poll[chromedp.Void](`[...document.images].every((img) => img.complete)`),
	); err != nil {
		return fmt.Errorf("opening %s: %w", url, err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return fmt.Errorf("screenshot of %s: %w", url, err)
	}
	if err := os.WriteFile(file, png, 0o644); err != nil { //nolint:gosec // G306: a screenshot for people to look at.
		return fmt.Errorf("writing the screenshot: %w", err)
	}
	return nil
}

// Metrics are what loading a page cost, as the browser's Navigation,
// Resource and Paint Timing entries tell it. Sizes are of the decoded
// bodies, in bytes.
type Metrics struct {
	HTML, CSS, JS, Images int64
	// FirstPaint and FirstContentfulPaint are from the start of the
	// navigation; zero when the browser reported none.
	FirstPaint, FirstContentfulPaint time.Duration
}

// timings is what measureScript returns: sizes in bytes, times in
// milliseconds.
type timings struct {
	HTML   int64   `json:"html"`
	CSS    int64   `json:"css"`
	JS     int64   `json:"js"`
	Images int64   `json:"images"`
	FP     float64 `json:"fp"`
	FCP    float64 `json:"fcp"`
}

// Weight is the bytes of HTML, CSS and JavaScript.
func (m Metrics) Weight() int64 { return m.HTML + m.CSS + m.JS }

// String reports the metrics on one line.
func (m Metrics) String() string {
	return fmt.Sprintf("page weight %d bytes (HTML %d, CSS %d, JS %d; images %d more); first paint %s, first contentful paint %s",
		m.Weight(), m.HTML, m.CSS, m.JS, m.Images,
		m.FirstPaint.Round(100*time.Microsecond), m.FirstContentfulPaint.Round(100*time.Microsecond))
}

// measureScript reads the timing entries of the loaded page.
const measureScript = `(() => {
	const nav = performance.getEntriesByType("navigation")[0];
	const sum = (type) => performance.getEntriesByType("resource")
		.filter((r) => r.initiatorType === type)
		.reduce((n, r) => n + r.decodedBodySize, 0);
	const paint = (name) => (performance.getEntriesByName(name)[0] || {startTime: 0}).startTime;
	return {html: nav.decodedBodySize, css: sum("link"), js: sum("script"), images: sum("img"),
		fp: paint("first-paint"), fcp: paint("first-contentful-paint")};
})()`

// Measure opens url in the tab of ctx, waits until selector is visible and
// the page has loaded, and returns what loading it cost.
func Measure(ctx context.Context, url, selector string) (Metrics, error) {
	if err := chromedp.Do(ctx,
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS(selector)),
		chromedp.Poll[chromedp.Void](`document.readyState === "complete" && performance.getEntriesByName("first-contentful-paint").length > 0`),
	); err != nil {
		return Metrics{}, fmt.Errorf("opening %s: %w", url, err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[timings](measureScript))
	if err != nil {
		return Metrics{}, fmt.Errorf("measuring %s: %w", url, err)
	}
	return Metrics{
		HTML:                 raw.HTML,
		CSS:                  raw.CSS,
		JS:                   raw.JS,
		Images:               raw.Images,
		FirstPaint:           time.Duration(raw.FP * float64(time.Millisecond)),
		FirstContentfulPaint: time.Duration(raw.FCP * float64(time.Millisecond)),
	}, nil
}

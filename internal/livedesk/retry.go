package livedesk

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The retry loop is the client's own rather than hashicorp/go-retryablehttp:
// that library's default policy retries any request on a 5xx or a dropped
// connection, POSTs included, which for this API would repeat a create that
// may already have happened and make a duplicate conversation or a second
// message to a customer. Telling "provably never sent" from "sent, answer
// lost" also needs the httptrace hook in Client.attempt, and a file streamed
// into a request must be reopened for each attempt.

// shouldRetry applies the retry policy to a failed attempt and says why.
//
//   - 429 Too Many Requests: always retried; the server refused the request
//     before acting on it.
//   - No answer and the request was never completely sent (connection
//     refused, DNS failure, reset while writing): always retried; the server
//     cannot have acted on it.
//   - 5xx other than 501, or no answer after the request was sent (a dropped
//     connection, a timeout): retried unless the request is a create. The
//     API has no idempotency key, so repeating a create could make a
//     duplicate; it is returned to the caller. Reads, updates and status
//     changes (toggle_status sets a status, so repeating it is harmless)
//     are retried.
//   - Anything else, or the caller's context is done: not retried.
func shouldRetry(ctx context.Context, create bool, err error) (bool, string) {
	if ctx.Err() != nil {
		return false, ""
	}
	idempotent := !create
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		switch {
		case apiErr.StatusCode == http.StatusTooManyRequests:
			return true, "rate limited (429)"
		case apiErr.StatusCode >= 500 && apiErr.StatusCode != http.StatusNotImplemented && idempotent:
			return true, "server error " + strconv.Itoa(apiErr.StatusCode)
		}
		return false, ""
	}
	var te *TransportError
	if errors.As(err, &te) {
		switch {
		case !te.Sent:
			return true, "request not sent: " + te.Err.Error()
		case idempotent:
			return true, "no answer: " + te.Err.Error()
		}
	}
	return false, ""
}

// backoff computes how long to wait before a retry.
type backoff struct {
	min, max time.Duration
}

// defaultBackoff starts at half a second and doubles up to 30 seconds.
var defaultBackoff = backoff{min: 500 * time.Millisecond, max: 30 * time.Second}

// delay returns the wait before retry number attempt+1: exponential
// backoff, but never less than the server's Retry-After. The server's wait
// is a floor, not the whole answer: when many parallel requests are told
// to come back in one second, doubling on each refusal spreads them out
// instead of bringing them all back at once. A random jitter of up to half
// the wait is added for the same reason.
func (b backoff) delay(attempt int, serverWait time.Duration) time.Duration {
	wait := b.min << min(attempt, 16)
	if wait > b.max || wait <= 0 {
		wait = b.max
	}
	wait = max(wait, serverWait)
	return wait + rand.N(wait/2+1) //nolint:gosec // jitter needs no cryptographic randomness
}

// retryAfter returns the delay an *APIError carries from Retry-After.
func retryAfter(err error) time.Duration {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.RetryAfter
	}
	return 0
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an HTTP date.
func parseRetryAfter(value string, now time.Time) time.Duration {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0
	}
	if seconds, err := strconv.Atoi(value); err == nil {
		if seconds < 0 {
			return 0
		}
		return time.Duration(seconds) * time.Second
	}
	if at, err := http.ParseTime(value); err == nil && at.After(now) {
		return at.Sub(now)
	}
	return 0
}

// sleepContext waits for d or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

package livedesk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"time"
)

// DefaultBaseURL is the only data centre LiveDesk documents (Singapore).
const DefaultBaseURL = "https://livedesk-api.engagelab.com"

// Defaults for Config fields. New applies DefaultTimeout and
// DefaultUserAgent to zero fields; DefaultMaxRetries is the provider's
// default for max_retries.
const (
	DefaultMaxRetries = 4
	DefaultTimeout    = 30 * time.Second
	DefaultUserAgent  = "terraform-provider-livedesk/dev"
)

// maxResponseBody bounds how much of any response is read: a 2xx answer
// cut off at this size fails to decode (an *AnswerError) rather than
// exhausting memory. Error bodies are cut further, to maxErrorBody.
const maxResponseBody = 32 << 20

// Config configures a Client. Only APIKey and APISecret are required.
type Config struct {
	// BaseURL is the API host, such as DefaultBaseURL; paths are appended.
	BaseURL string
	// APIKey and APISecret are sent as HTTP Basic credentials.
	APIKey    string
	APISecret string
	// UserAgent is sent with every request.
	UserAgent string
	// MaxRetries bounds the retries after the first attempt; zero (or a
	// negative value) means none. The provider's default is
	// DefaultMaxRetries.
	MaxRetries int
	// Timeout bounds each attempt, from sending to reading the whole answer.
	Timeout time.Duration
	// HTTPClient is the client whose connection pool all requests share.
	// When nil, New builds one whose pool suits many parallel requests.
	HTTPClient *http.Client
	// Logger receives one line per request, response and retry. It never
	// sees the Authorization header or the secret.
	Logger Logger
}

// Client talks to the LiveDesk API. It is safe for concurrent use and
// shares one connection pool across all its services.
type Client struct {
	baseURL    *url.URL
	authHeader string
	userAgent  string
	maxRetries int
	timeout    time.Duration
	httpClient *http.Client
	logger     Logger
	backoff    backoff
	sleep      func(ctx context.Context, d time.Duration) error
	// unavailable, when set, is returned by every call instead of sending
	// a request (see NewUnavailable).
	unavailable error

	// Conversations creates conversations and changes their status.
	Conversations *ConversationsService
	// Messages sends messages, with or without files.
	Messages *MessagesService
	// Contacts creates, updates, lists and searches contacts.
	Contacts *ContactsService
	// Tickets creates, reads and updates tickets.
	Tickets *TicketsService
}

// New checks that both credentials are set and that BaseURL (DefaultBaseURL
// when empty) parses, fills the other zero fields with their defaults and
// returns a Client. It sends no request, so wrong credentials only show on
// the first call.
func New(cfg Config) (*Client, error) {
	if cfg.APIKey == "" || cfg.APISecret == "" {
		return nil, errors.New("livedesk: an API key and an API secret are both required")
	}
	base := cfg.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	baseURL, err := ParseBaseURL(base)
	if err != nil {
		return nil, err
	}
	c := &Client{
		baseURL:    baseURL,
		authHeader: basicAuth(cfg.APIKey, cfg.APISecret),
		userAgent:  orDefault(cfg.UserAgent, DefaultUserAgent),
		maxRetries: cfg.MaxRetries,
		timeout:    cfg.Timeout,
		httpClient: cfg.HTTPClient,
		logger:     cfg.Logger,
		backoff:    defaultBackoff,
		sleep:      sleepContext,
	}
	c.maxRetries = max(c.maxRetries, 0)
	c.addServices()

	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.httpClient == nil {
		c.httpClient = NewHTTPClient()
	}
	if c.logger == nil {
		c.logger = nopLogger{}
	}
	return c, nil
}

// NewUnavailable returns a Client that never sends anything: every call
// returns err at once, without a retry. It stands in for a client that
// cannot be built yet, such as while the provider's settings depend on
// values Terraform only knows at apply.
func NewUnavailable(err error) *Client {
	c := &Client{unavailable: err}
	c.addServices()
	return c
}

// addServices attaches the services, which share c.
func (c *Client) addServices() {
	c.Conversations = &ConversationsService{client: c}
	c.Messages = &MessagesService{client: c}
	c.Contacts = &ContactsService{client: c}
	c.Tickets = &TicketsService{client: c}
}

// ParseBaseURL checks that raw is an absolute http(s) URL with a host and
// returns it without a trailing slash.
func ParseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("livedesk: base URL %q is not an http(s) URL such as %s", RedactURL(raw), DefaultBaseURL)
	}
	if u.User != nil {
		return nil, fmt.Errorf("livedesk: base URL %q must not carry credentials; use the API key and secret", RedactURL(raw))
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || u.Opaque != "" {
		return nil, fmt.Errorf("livedesk: base URL %q must be a scheme, a host and at most a path, such as %s", RedactURL(raw), DefaultBaseURL)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u, nil
}

// RedactURL hides what a URL may carry that is secret before it is shown,
// also in text that does not parse as a URL: the password of its
// credentials (user:password@), the values of its query (?key=value) and
// its fragment (#...). Keys and the rest of the URL stay readable.
func RedactURL(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.User != nil {
		if u.RawQuery != "" {
			u.RawQuery = redactQuery(u.RawQuery)
		}
		if u.Fragment != "" {
			u.Fragment, u.RawFragment = redacted, ""
		}
		return u.Redacted()
	}
	text, fragment, hasFragment := strings.Cut(raw, "#")
	text, query, hasQuery := strings.Cut(text, "?")
	if at := strings.LastIndex(text, "@"); at >= 0 {
		start := 0
		if scheme := strings.Index(text, "://"); scheme >= 0 && scheme < at {
			start = scheme + len("://")
		}
		text = text[:start] + redacted + text[at:]
	}
	if hasQuery {
		text += "?" + redactQuery(query)
	}
	if hasFragment {
		text += "#"
		if fragment != "" {
			text += redacted
		}
	}
	return text
}

// redacted replaces a secret in a URL that is shown.
const redacted = "xxxxx"

// redactQuery replaces every value of a raw query with redacted, keeping
// the keys; a part without "=" may itself be a secret and is replaced.
func redactQuery(query string) string {
	parts := strings.Split(query, "&")
	for i, part := range parts {
		if key, _, ok := strings.Cut(part, "="); ok {
			parts[i] = key + "=" + redacted
		} else if part != "" {
			parts[i] = redacted
		}
	}
	return strings.Join(parts, "&")
}

// NewHTTPClient returns an HTTP client whose pool keeps enough idle
// connections per host for Terraform's parallelism, so that parallel
// creates reuse connections instead of opening new ones.
func NewHTTPClient() *http.Client {
	base, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		base = &http.Transport{Proxy: http.ProxyFromEnvironment}
	}
	transport := base.Clone()
	transport.MaxIdleConns = 256
	transport.MaxIdleConnsPerHost = 128
	return &http.Client{
		Transport: transport,
		// A redirect is reported, not followed: Go would follow a 301 or
		// 302 after a POST with a GET, so a create would "succeed" with
		// whatever that GET answered.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// requestBody is a request's payload: either encoded once (data) and
// replayed on retries, or written anew for each attempt (write), for bodies
// streamed from files.
type requestBody struct {
	contentType string
	data        []byte
	write       func(io.Writer) error
}

// open returns the body of one attempt and a function that closes it and
// returns the error that stopped a written body, if any. A written body is
// produced by a goroutine into a pipe that the HTTP client reads.
func (b *requestBody) open() (io.Reader, func() error) {
	if b.write == nil {
		return bytes.NewReader(b.data), func() error { return nil }
	}
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := b.write(pw)
		_ = pw.CloseWithError(err)
		done <- err
	}()
	return pr, func() error {
		_ = pr.Close() // unblocks the writer if the client stopped reading
		return <-done
	}
}

// jsonBody encodes v once; retries replay the same bytes.
func jsonBody(v any) (*requestBody, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("livedesk: encoding request: %w", err)
	}
	return &requestBody{contentType: "application/json", data: data}, nil
}

// request is one API call, the same for every attempt of it.
type request struct {
	method string
	path   string
	body   *requestBody
	// create marks a request that creates something. The API has no
	// idempotency key, so it is never repeated once it may have reached the
	// server, and once started it is not abandoned.
	create bool
}

// do sends a request that is safe to repeat (a read, an update, a status
// change), retrying as the policy allows, and decodes a 2xx answer into out
// (when out is not nil).
func (c *Client) do(ctx context.Context, method, path string, body *requestBody, out any) error {
	return c.send(ctx, request{method: method, path: path, body: body}, out)
}

// create sends a POST that makes an object and decodes its answer into
// out. Unlike do, it is retried only when the server cannot have acted on
// it (see shouldRetry), and once sent it runs to its end even if ctx is
// cancelled (see attempt).
func (c *Client) create(ctx context.Context, path string, body *requestBody, out any) error {
	return c.send(ctx, request{method: http.MethodPost, path: path, body: body, create: true}, out)
}

// send runs the retry loop for one request: it asks shouldRetry after
// every failure, waits as backoff says (logging why at DEBUG), and gives up
// after maxRetries retries. An *APIError it returns records how many
// attempts were made. A 2xx answer with an empty or undecodable body is an
// *AnswerError when out wants it decoded.
func (c *Client) send(ctx context.Context, req request, out any) error {
	if c.unavailable != nil {
		return c.unavailable
	}
	for attempt := 0; ; attempt++ {
		respBody, date, err := c.attempt(ctx, req, attempt)
		if err == nil {
			if out == nil {
				return nil
			}
			if dated, ok := out.(serverDated); ok {
				dated.setServerDate(date)
			}
			if len(bytes.TrimSpace(respBody)) == 0 {
				return &AnswerError{Method: req.method, Path: req.path, Create: req.create, Err: errors.New("with an empty body")}
			}
			if err := json.Unmarshal(respBody, out); err != nil {
				return &AnswerError{Method: req.method, Path: req.path, Create: req.create, Err: fmt.Errorf("its body could not be decoded: %w", err)}
			}
			return nil
		}
		retry, reason := shouldRetry(ctx, req.create, err)
		if !retry || attempt >= c.maxRetries {
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				apiErr.Attempts = attempt + 1
			}
			return err
		}
		wait := c.backoff.delay(attempt, retryAfter(err))
		c.logger.Debug(ctx, "LiveDesk API request will be retried", map[string]any{
			"method": req.method, "path": req.path, "attempt": attempt + 1, "reason": reason, "wait_ms": wait.Milliseconds(),
		})
		if err := c.sleep(ctx, wait); err != nil {
			return fmt.Errorf("LiveDesk API %s %s: gave up waiting to retry: %w", req.method, req.path, err)
		}
	}
}

// attempt sends one request and returns the body of a 2xx answer with the
// server's time of the answer (its Date header; zero when it has none that
// parses), an *APIError for any other answer (redirects included: they are not
// followed, as following one would turn a POST into a GET), or a
// *TransportError.
//
// A create that has started is allowed to finish even when ctx is
// cancelled (Terraform stopping on Ctrl-C, say), bounded by the timeout:
// abandoning it could leave an object in LiveDesk that the state never
// records.
func (c *Client) attempt(ctx context.Context, req request, attempt int) ([]byte, time.Time, error) {
	fullURL := c.baseURL.String() + req.path
	if req.create {
		if err := ctx.Err(); err != nil {
			return nil, time.Time{}, &TransportError{Method: req.method, URL: fullURL, Create: true, Err: err}
		}
		ctx = context.WithoutCancel(ctx)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()

	var sent bool
	trace := &httptrace.ClientTrace{WroteRequest: func(info httptrace.WroteRequestInfo) { sent = info.Err == nil }}
	var reader io.Reader
	closeBody := func() error { return nil }
	if req.body != nil {
		reader, closeBody = req.body.open()
	}
	httpReq, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), req.method, fullURL, reader)
	if err != nil {
		_ = closeBody()
		return nil, time.Time{}, fmt.Errorf("livedesk: building request %s %s: %w", req.method, req.path, err)
	}
	httpReq.Header.Set("Authorization", c.authHeader)
	httpReq.Header.Set("User-Agent", c.userAgent)
	httpReq.Header.Set("Accept", "application/json")
	if req.body != nil {
		httpReq.Header.Set("Content-Type", req.body.contentType)
	}

	start := time.Now()
	c.logger.Debug(ctx, "LiveDesk API request", map[string]any{"method": req.method, "path": req.path, "attempt": attempt + 1})
	resp, err := c.httpClient.Do(httpReq)
	// A file that could not be read cut the body off: the request was never
	// complete, whatever the transport says.
	var attachmentErr *AttachmentError
	if errors.As(closeBody(), &attachmentErr) {
		if err == nil {
			_ = resp.Body.Close()
		}
		return nil, time.Time{}, attachmentErr
	}
	if err != nil {
		return nil, time.Time{}, c.transportError(ctx, req, fullURL, sent, err)
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBody))
	if err != nil {
		return nil, time.Time{}, c.transportError(ctx, req, fullURL, true, err)
	}
	c.logger.Debug(ctx, "LiveDesk API response", map[string]any{
		"method": req.method, "path": req.path, "status": resp.StatusCode, "duration_ms": time.Since(start).Milliseconds(),
	})
	c.logger.Trace(ctx, "LiveDesk API response body", map[string]any{"method": req.method, "path": req.path, "body": truncate(data, maxErrorBody)})
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, time.Time{}, newAPIError(req.method, req.path, resp.StatusCode, data, parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()), req.create)
	}
	return data, serverDate(resp.Header), nil
}

// transportError wraps a failure that left no HTTP answer, noting a timeout
// of this attempt (as opposed to the caller's own cancellation).
func (c *Client) transportError(ctx context.Context, req request, fullURL string, sent bool, err error) *TransportError {
	te := &TransportError{Method: req.method, URL: fullURL, Sent: sent, Create: req.create, Err: err}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		if deadline, ok := ctx.Deadline(); ok && !time.Now().Before(deadline) {
			te.Timeout = c.timeout
		}
	}
	return te
}

// serverDated is an answer that records the server's time of the answer.
type serverDated interface {
	setServerDate(time.Time)
}

// serverDate is the time an answer's Date header gives, or zero when it has
// none that parses.
func serverDate(h http.Header) time.Time {
	date, err := http.ParseTime(h.Get("Date"))
	if err != nil {
		return time.Time{}
	}
	return date
}

func truncate(data []byte, limit int) string {
	if len(data) > limit {
		return string(data[:limit]) + "…"
	}
	return string(data)
}

func orDefault(value, fallback string) string {
	if value == "" {
		return fallback
	}
	return value
}

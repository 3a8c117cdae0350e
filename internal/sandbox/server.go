package sandbox

import (
	"crypto/subtle"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Default credentials and account of a sandbox.
const (
	// DefaultAPIKey is the API key (Basic auth username) accepted by default.
	DefaultAPIKey = "sandbox-key"
	// DefaultAPISecret is the API secret (Basic auth password) accepted by default.
	DefaultAPISecret = "sandbox-secret"
	// DefaultAccountID is the account the default key belongs to; like real
	// LiveDesk account IDs it does not fit in an int32.
	DefaultAccountID int64 = 17623000010928
)

// Options configures a Server. Zero fields take the defaults documented on
// each field.
type Options struct {
	// APIKey and APISecret are the accepted Basic auth credentials
	// (defaults DefaultAPIKey and DefaultAPISecret).
	APIKey, APISecret string
	// AccountID is the account of the key (default DefaultAccountID).
	AccountID int64
	// Inboxes are the configured inboxes (default []Inbox{{ID: 1, Name: "Sandbox API"}}).
	Inboxes []Inbox
	// Teams are the teams tickets can be assigned to (default
	// []Team{{ID: 5, Name: "IT Support"}}, the vendor example's).
	Teams []Team
	// Faults are injected from the start.
	Faults Faults
	// Seed seeds the random source of fault decisions, so that a run can be
	// repeated.
	Seed int64
	// Logf, when set, receives one line per request: method, path, status
	// and duration. Headers, bodies and query strings are never logged.
	Logf func(format string, args ...any)
	// ClockOffset sets the sandbox's clock ahead of the machine's (behind
	// when negative); see SetClockOffset.
	ClockOffset time.Duration
}

// Server is an in-memory LiveDesk API. It is an http.Handler, safe for
// concurrent use.
type Server struct {
	apiKey, apiSecret string
	accountID         int64
	teams             []Team
	seed              int64
	logf              func(format string, args ...any)
	mux               *http.ServeMux

	mu      sync.Mutex // guards everything below but connections
	inboxes []Inbox    // options can change at run time: see SetInbox
	data    store
	faults  Faults
	bucket  tokenBucket
	rng     *rand.Rand
	// clockOffset is how far the sandbox's clock is ahead of the machine's.
	clockOffset time.Duration

	connections atomic.Int64

	liveDone chan struct{} // closed by StopLiveUpdates
	stopLive sync.Once
}

// New returns a Server configured by opts, with the documented defaults
// for zero fields and opts.Faults injected from the first request. Start
// does the same and also listens on a TCP port.
func New(opts Options) *Server {
	s := &Server{
		apiKey:    opts.APIKey,
		apiSecret: opts.APISecret,
		accountID: opts.AccountID,
		inboxes:   slices.Clone(opts.Inboxes),
		teams:     slices.Clone(opts.Teams),
		seed:      opts.Seed,
		logf:      opts.Logf,
		mux:       http.NewServeMux(),

		clockOffset: opts.ClockOffset,
		liveDone:    make(chan struct{}),
	}
	if s.apiKey == "" {
		s.apiKey = DefaultAPIKey
	}
	if s.apiSecret == "" {
		s.apiSecret = DefaultAPISecret
	}
	if s.accountID == 0 {
		s.accountID = DefaultAccountID
	}
	if len(s.inboxes) == 0 {
		s.inboxes = []Inbox{{ID: 1, Name: "Sandbox API"}}
	}
	if len(s.teams) == 0 {
		s.teams = []Team{{ID: 5, Name: "IT Support"}}
	}
	s.resetLocked(opts.Faults)
	s.routes()
	return s
}

// Reset deletes every object, zeroes every counter and removes all faults.
// Inboxes (with the options SetInbox gave them), teams, credentials and the
// clock offset are kept. The fault dice are reseeded, so a reset server decides faults as a
// new one would.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.resetLocked(Faults{})
}

// resetLocked empties the server and installs f; s.mu must be held (or the
// server not yet shared).
func (s *Server) resetLocked(f Faults) {
	s.data = newStore()
	s.rng = newRand(s.seed)
	s.connections.Store(0)
	s.setFaultsLocked(f)
}

// routes registers every path the server answers.
func (s *Server) routes() {
	api := func(pattern string, e endpoint) { s.mux.Handle(pattern, s.apiHandler(e)) }
	api("/api/", nil)
	api("/api/v2/accounts/contacts", endpoint{http.MethodGet: s.listContacts, http.MethodPost: s.createContact})
	api("/api/v2/accounts/contacts/{id}", endpoint{http.MethodPatch: s.updateContact})
	api("/api/v2/accounts/conversations", endpoint{http.MethodPost: s.createConversation})
	api("/api/v2/accounts/conversations/{id}/toggle_status", endpoint{http.MethodPost: s.toggleStatus})
	api("/api/v2/accounts/conversations/{id}/messages", endpoint{http.MethodPost: s.sendMessage})
	api("/api/v2/accounts/tickets", endpoint{http.MethodPost: s.createTicket})
	api("/api/v2/accounts/tickets/{ticket_id}", endpoint{http.MethodGet: s.getTicket, http.MethodPut: s.updateTicket})

	blobs := endpoint{http.MethodGet: s.serveBlob, http.MethodHead: s.serveBlob}
	s.mux.Handle("/rails/active_storage/blobs/redirect/{token}/{name}", blobs)
	s.mux.Handle("/rails/active_storage/representations/redirect/{token}/{name}", blobs)

	s.mux.Handle("/_sandbox/state", endpoint{http.MethodGet: s.inspectState})
	s.mux.Handle("/_sandbox/reset", endpoint{http.MethodPost: s.inspectReset})
	s.mux.Handle("/_sandbox/faults", endpoint{http.MethodGet: s.inspectFaults, http.MethodPut: s.inspectSetFaults})
	s.mux.Handle("/_sandbox/contacts/{id}", endpoint{http.MethodPatch: s.inspectEditContact, http.MethodDelete: s.inspectDeleteContact})
	s.mux.Handle("/_sandbox/tickets/{ticket_id}", endpoint{http.MethodPatch: s.inspectEditTicket, http.MethodDelete: s.inspectDeleteTicket})
	s.mux.Handle("/_sandbox/tickets/{ticket_id}/messages", endpoint{http.MethodPost: s.inspectAddTicketMessage})
	s.mux.Handle("/_sandbox/inboxes", endpoint{http.MethodGet: s.inspectInboxes})
	s.mux.Handle("/_sandbox/inboxes/{id}", endpoint{http.MethodPatch: s.inspectSetInbox})
	s.mux.Handle("/_sandbox/conversations/{id}", endpoint{http.MethodPatch: s.inspectSetConversationStatus})
	s.mux.Handle("/_sandbox/clock", endpoint{http.MethodGet: s.inspectClock, http.MethodPut: s.inspectSetClock})
	s.mux.Handle("/", endpoint(nil))
	s.viewRoutes()
}

// ServeHTTP answers a request, logging it when Options.Logf is set.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.logf == nil {
		s.mux.ServeHTTP(w, r)
		return
	}
	rec := &statusRecorder{ResponseWriter: w}
	start := time.Now()
	defer func() {
		status := "dropped"
		if rec.status != 0 {
			status = strconv.Itoa(rec.status)
		}
		s.logf("%s %s %s %s", r.Method, r.URL.Path, status, time.Since(start).Round(time.Microsecond))
	}()
	s.mux.ServeHTTP(rec, r)
}

// handlerFunc answers one method of one route with a JSON-able body or an
// error.
type handlerFunc func(r *http.Request) (any, *apiError)

// endpoint is a route: its handlers by HTTP method. An empty endpoint is an
// unknown route.
type endpoint map[string]handlerFunc

// result runs the handler for r's method: 404 for an unknown route, 405 with
// an Allow header for a known route and a wrong method.
func (e endpoint) result(r *http.Request) result {
	if len(e) == 0 {
		return errorResult(&apiError{status: http.StatusNotFound, message: fmt.Sprintf("No route matches %s %s", r.Method, r.URL.Path)})
	}
	h, ok := e[r.Method]
	if !ok {
		res := errorResult(&apiError{status: http.StatusMethodNotAllowed, message: fmt.Sprintf("Method %s is not allowed here", r.Method)})
		res.header = http.Header{"Allow": {strings.Join(slices.Sorted(maps.Keys(e)), ", ")}}
		return res
	}
	body, err := h(r)
	if err != nil {
		return errorResult(err)
	}
	return result{status: http.StatusOK, body: body}
}

// ServeHTTP answers a non-API request: no authentication, counters or faults.
func (e endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e.result(r).write(w, r)
}

// apiHandler wraps an API route with what every API request goes through:
// counting, faults and authentication.
func (s *Server) apiHandler(e endpoint) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.count(func(d *store) { d.requests[requestKey(r)]++ })
		if !sleep(r.Context(), s.Faults().Latency) {
			return // the client has gone
		}
		if res, refused := s.refuseBeforeHandling(time.Now()); refused {
			s.respond(w, r, res)
			return
		}
		if !s.authorized(r) {
			s.respond(w, r, errorResult(&apiError{status: http.StatusUnauthorized, message: "Invalid API key or secret"}))
			return
		}
		res := e.result(r)
		switch s.afterCommit(r.Method) {
		case failAfterCommit:
			res = internalError()
		case dropAfterCommit:
			s.count(func(d *store) { d.responses["dropped"]++ })
			dropConnection(w)
			return
		}
		s.respond(w, r, res)
	})
}

// respond counts and writes an API answer, dated by the sandbox's clock.
func (s *Server) respond(w http.ResponseWriter, r *http.Request, res result) {
	s.count(func(d *store) { d.responses[strconv.Itoa(res.status)]++ })
	s.setDate(w)
	res.write(w, r)
}

// count updates the store's counters under the lock.
func (s *Server) count(update func(*store)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	update(&s.data)
}

// requestKey names the route of an API request, e.g.
// "POST /api/v2/accounts/conversations/{id}/messages".
func requestKey(r *http.Request) string {
	if r.Pattern == "/api/" {
		return r.Method + " " + r.URL.Path
	}
	return r.Method + " " + r.Pattern
}

// authorized checks the Basic auth credentials in constant time.
func (s *Server) authorized(r *http.Request) bool {
	key, secret, ok := r.BasicAuth()
	keyOK := subtle.ConstantTimeCompare([]byte(key), []byte(s.apiKey))
	secretOK := subtle.ConstantTimeCompare([]byte(secret), []byte(s.apiSecret))
	return ok && keyOK&secretOK == 1
}

// dropConnection closes the client's connection without answering.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler) // HTTP/2 or a recorder: abort the response instead
	}
	_ = conn.Close()
}

// statusRecorder remembers the status written, for the request log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

// WriteHeader records the status.
func (w *statusRecorder) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

// Write records an implicit 200.
func (w *statusRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap gives http.ResponseController access to the connection.
func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

package sandbox

import (
	"net/http"
	"time"
)

// The sandbox keeps its own clock: the machine's, moved by an offset. A
// test sets the offset to play a server whose clock is ahead of or behind
// the client's (a laptop after sleep, a drifting VM). Every time the
// sandbox records (created_at, updated_at, ticket times) and the Date
// header of every API answer come from it.

// clockJSON is the body of GET and PUT /_sandbox/clock.
type clockJSON struct {
	// Offset is how far the sandbox's clock is ahead of the machine's (a
	// Go duration such as "-10m"; negative is behind).
	Offset string `json:"offset"`
	// Now is the sandbox's time, in answers only.
	Now string `json:"now,omitempty"`
}

// SetClockOffset moves the sandbox's clock to the machine's plus offset.
func (s *Server) SetClockOffset(offset time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clockOffset = offset
}

// now is the sandbox's time.
func (s *Server) now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nowLocked()
}

// nowLocked is now for a caller that holds s.mu.
func (s *Server) nowLocked() time.Time {
	return time.Now().Add(s.clockOffset)
}

// setDate gives an answer the sandbox's time as its Date header, which
// net/http would otherwise fill in from the machine's clock.
func (s *Server) setDate(w http.ResponseWriter) {
	w.Header().Set("Date", s.now().UTC().Format(http.TimeFormat))
}

// inspectClock answers GET /_sandbox/clock.
func (s *Server) inspectClock(*http.Request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return clockJSON{Offset: s.clockOffset.String(), Now: s.nowLocked().UTC().Format(time.RFC3339)}, nil
}

// inspectSetClock answers PUT /_sandbox/clock with {"offset":"-10m"}.
func (s *Server) inspectSetClock(r *http.Request) (any, *apiError) {
	var body clockJSON
	if err := decodeJSON(r, &body); err != nil {
		return nil, err
	}
	offset, err := time.ParseDuration(body.Offset)
	if err != nil {
		return nil, unprocessable("Invalid offset %q: use a Go duration such as \"-10m\" or \"1h\"", body.Offset)
	}
	s.SetClockOffset(offset)
	return s.inspectClock(r)
}

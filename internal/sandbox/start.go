package sandbox

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// shutdownGrace is how long Close waits for requests in flight.
const shutdownGrace = 5 * time.Second

// Instance is a Server listening on a TCP port.
type Instance struct {
	// URL is the base URL of the API, e.g. "http://127.0.0.1:8765".
	URL string
	// Server is the running server, for inspection and fault control.
	Server *Server

	http      *http.Server
	served    chan error
	closeOnce sync.Once
	closeErr  error
}

// Start runs a new Server on addr (such as "127.0.0.1:0", which picks a
// free port), counting the TCP connections it accepts in
// State.Connections.
func Start(addr string, opts Options) (*Instance, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := New(opts)
	i := &Instance{
		URL:    "http://" + ln.Addr().String(),
		Server: s,
		http:   &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second},
		served: make(chan error, 1),
	}
	i.http.RegisterOnShutdown(s.StopLiveUpdates)
	go func() { i.served <- i.http.Serve(countingListener{Listener: ln, count: &s.connections}) }()
	return i, nil
}

// Close stops the server, letting requests in flight finish for a few
// seconds before closing every connection. Later calls return the same
// result.
func (i *Instance) Close() error {
	i.closeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		if err := i.http.Shutdown(ctx); err != nil {
			_ = i.http.Close()
		}
		if err := <-i.served; !errors.Is(err, http.ErrServerClosed) {
			i.closeErr = err
		}
	})
	return i.closeErr
}

// countingListener counts the connections it accepts.
type countingListener struct {
	net.Listener
	count *atomic.Int64
}

// Accept accepts and counts a connection.
func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.count.Add(1)
	}
	return c, err
}

// Command livedesk-sandbox runs the in-memory LiveDesk-compatible sandbox
// (internal/sandbox) on a local port until SIGINT or SIGTERM, and prints
// the environment a LiveDesk client needs to use it. With -inspect URL it
// instead prints the state of a running sandbox.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// inspectTimeout bounds the -inspect request.
const inspectTimeout = 30 * time.Second

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without os.Exit, so that tests can call it with their own
// args and writers. It serves until SIGINT or SIGTERM, or with -inspect
// prints a running sandbox's state; it returns 2 for unusable flags, 1
// for any other failure.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("livedesk-sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8765", "listen address (127.0.0.1:0 picks a free port)")
	apiKey := fs.String("api-key", sandbox.DefaultAPIKey, "API key accepted (Basic auth username)")
	apiSecret := fs.String("api-secret", sandbox.DefaultAPISecret, "API secret accepted (Basic auth password)")
	inbox := sandbox.Inbox{Name: "Sandbox API"}
	fs.Int64Var(&inbox.ID, "inbox-id", 1, "ID of the API inbox")
	fs.BoolVar(&inbox.LockToSingleConversation, "lock-to-single-conversation", false,
		"the inbox answers a new conversation for a contact with its existing one (also PATCH /_sandbox/inboxes/{id})")
	fs.BoolVar(&inbox.ActiveBot, "active-bot", false, "the inbox has an active bot: new conversations start pending (also PATCH /_sandbox/inboxes/{id})")
	var faults sandbox.Faults
	fs.DurationVar(&faults.Latency, "latency", 0, "latency added to every API request")
	fs.Float64Var(&faults.RateLimit, "rate-limit", 0, "API requests per second allowed, 429 beyond (0 = unlimited)")
	fs.Float64Var(&faults.FailureRate, "failure-rate", 0, "fraction of API requests answered 500 with no effect")
	fs.Float64Var(&faults.CommitThenFailRate, "commit-then-fail-rate", 0, "fraction of POST/PATCH requests that take effect, then answer 500")
	fs.Float64Var(&faults.DropAfterCommitRate, "drop-after-commit-rate", 0, "fraction of POST/PATCH requests that take effect, then drop the connection")
	clockOffset := fs.Duration("clock-offset", 0, "how far the sandbox's clock is ahead of this machine's, e.g. -10m for behind (also PUT /_sandbox/clock)")
	verbose := fs.Bool("v", false, "log every request to stderr")
	readyFile := fs.String("ready-file", "", "when listening, write the LIVEDESK_* settings to this file")
	inspect := fs.String("inspect", "", "print the state of the sandbox at this base URL and exit")
	if err := fs.Parse(args); err != nil {
		return 2
	}

	if *inspect != "" {
		ctx, cancel := context.WithTimeout(context.Background(), inspectTimeout)
		defer cancel()
		return exitCode(stderr, sandbox.Inspect(ctx, *inspect, stdout))
	}
	if err := faults.Validate(); err != nil {
		return exitCode(stderr, err)
	}
	opts := sandbox.Options{
		APIKey:    *apiKey,
		APISecret: *apiSecret,
		Inboxes:   []sandbox.Inbox{inbox},
		Faults:    faults,

		ClockOffset: *clockOffset,
	}
	if *verbose {
		opts.Logf = log.New(stderr, "livedesk-sandbox: ", log.LstdFlags).Printf
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	inst, err := sandbox.Start(*addr, opts)
	if err != nil {
		return exitCode(stderr, err)
	}
	fmt.Fprint(stdout, inst.Env())
	fmt.Fprintf(stderr, "livedesk-sandbox: inbox view (read-only, live) at %s\n", inst.ViewURL())
	if *readyFile != "" {
		if err := inst.WriteEnvFile(*readyFile); err != nil {
			_ = inst.Close()
			return exitCode(stderr, err)
		}
	}
	<-ctx.Done()
	return exitCode(stderr, inst.Close())
}

// exitCode prints err, if any, on stderr and returns 1 for it, 0 for nil.
func exitCode(stderr io.Writer, err error) int {
	if err != nil {
		fmt.Fprintln(stderr, "livedesk-sandbox:", err)
		return 1
	}
	return 0
}

// Command livedesk-bench measures the livedesk provider against an
// in-process LiveDesk sandbox on loopback (see internal/bench): apply,
// no-change plan, refresh-only plan and destroy for each size, with the
// messages as separate resources and as transcripts, and with a contact
// per conversation as resources and as one livedesk_conversations, beside
// the API floor and Terraform's own floor. It prints Markdown tables on
// stdout, progress on stderr, and writes every number to a JSON file.
// `make bench` runs it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/bench"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/tfrun"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without os.Exit, so that tests can call it with their own
// args and writers. It returns 2 for unusable flags, 1 for a failed run.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("livedesk-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	latency := fs.Duration("latency", 20*time.Millisecond, "latency the sandbox adds to every API request")
	sizes := fs.String("sizes", "20x4,100x4", "comma-separated CONVERSATIONSxMESSAGES sizes to measure as separate resources and as transcripts; empty for none")
	transcripts := fs.String("transcripts", "1x1000", "comma-separated CONVERSATIONSxMESSAGES sizes to measure as transcripts only, after -sizes; empty for none")
	inbox := fs.String("inbox", "300x5,1000x5", "comma-separated CONVERSATIONSxMESSAGES sizes to measure with a contact per conversation, as contact and transcript resources and as one livedesk_conversations; empty for none")
	parallelism := fs.Int("parallelism", 10, "terraform -parallelism, and the API floor's concurrency")
	jsonPath := fs.String("json", "bench-results.json", "file to write the results to, as JSON")
	tf := fs.String("tf", "", "Terraform CLI (default: TF_ACC_TERRAFORM_PATH, else terraform on PATH)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	cfg := bench.Config{Latency: *latency, Parallelism: *parallelism, TerraformPath: *tf, Log: stderr}
	var err error
	if *sizes != "" {
		if cfg.Sizes, err = bench.ParseSizes(*sizes); err != nil {
			return fail(stderr, err)
		}
	}
	if *transcripts != "" {
		if cfg.TranscriptsOnly, err = bench.ParseSizes(*transcripts); err != nil {
			return fail(stderr, fmt.Errorf("-transcripts: %w", err))
		}
	}
	if *inbox != "" {
		if cfg.InboxSizes, err = bench.ParseSizes(*inbox); err != nil {
			return fail(stderr, fmt.Errorf("-inbox: %w", err))
		}
	}
	if cfg.TerraformPath == "" {
		if cfg.TerraformPath, err = tfrun.CLIPath(); err != nil {
			return fail(stderr, err)
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	results, err := bench.Run(ctx, cfg)
	if err != nil {
		return fail(stderr, err)
	}
	if err := bench.WriteMarkdown(stdout, results); err != nil {
		return fail(stderr, err)
	}
	if err := bench.WriteJSON(*jsonPath, results); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stderr, "results written to %s\n", *jsonPath)
	return 0
}

// fail reports err and returns the exit code of a failed run.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, "livedesk-bench:", err)
	return 1
}

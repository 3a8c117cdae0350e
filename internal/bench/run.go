package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/provider"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/tfrun"
)

// inboxID is the sandbox inbox every conversation is created in.
const inboxID int64 = 1

// Config configures a benchmark run.
type Config struct {
	// Latency is added by the sandbox to every API request.
	Latency time.Duration
	// Sizes is the matrix; each size is measured in turn, as separate
	// resources and as transcripts.
	Sizes []Size
	// TranscriptsOnly are sizes measured, after the matrix, as transcripts
	// alone, such as one conversation with a long transcript.
	TranscriptsOnly []Size
	// InboxSizes are measured, after those, with a contact created per
	// conversation: as contact and transcript resources, and as one inbox
	// resource (livedesk_conversations).
	InboxSizes []Size
	// Parallelism is Terraform's -parallelism, the API floor's
	// concurrency and the inbox resource's max_parallel.
	Parallelism int
	// TerraformPath is the Terraform CLI.
	TerraformPath string
	// Log receives a line per measurement as the run progresses; nil
	// discards them.
	Log io.Writer
}

// validate reports settings a run cannot use.
func (c Config) validate() error {
	var errs []error
	if len(c.Sizes)+len(c.TranscriptsOnly)+len(c.InboxSizes) == 0 {
		errs = append(errs, errors.New("no size to measure"))
	}
	if c.Parallelism < 1 {
		errs = append(errs, errors.New("parallelism must be at least 1"))
	}
	if c.Latency < 0 {
		errs = append(errs, errors.New("latency must not be negative"))
	}
	if c.TerraformPath == "" {
		errs = append(errs, errors.New("no Terraform CLI given"))
	}
	return errors.Join(errs...)
}

// logEnv picks the TF_LOG* variables out of environ.
func logEnv(environ []string) map[string]string {
	vars := make(map[string]string)
	for _, kv := range environ {
		if name, value, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "TF_LOG") {
			vars[name] = value
		}
	}
	return vars
}

// runner holds what the sizes of one run share.
type runner struct {
	cfg       Config
	meter     *meter
	sandbox   *sandbox.Instance
	contactID int64
	pluginDir string
	workDir   string
	log       io.Writer
}

// Run builds the provider, starts a sandbox on loopback with cfg.Latency,
// and measures every size of cfg.Sizes. Nothing leaves the machine: the
// provider and the API floor talk to the sandbox, and Terraform runs with
// no checkpoint call, a dev override for the provider and no init.
func Run(ctx context.Context, cfg Config) (*Results, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	results := &Results{
		Started:     time.Now().UTC(),
		Latency:     cfg.Latency,
		Parallelism: cfg.Parallelism,
		GoVersion:   runtime.Version(),
		CPUs:        runtime.NumCPU(),
		LogEnv:      logEnv(os.Environ()),
	}
	workDir, err := os.MkdirTemp("", "livedesk-bench-")
	if err != nil {
		return nil, err
	}
	defer func() { _ = os.RemoveAll(workDir) }()

	r := &runner{cfg: cfg, workDir: workDir, log: cfg.Log}
	if r.log == nil {
		r.log = io.Discard
	}
	// Asking for the version also brings the CLI into the page cache
	// before anything is timed.
	if results.TerraformVersion, err = terraformVersion(ctx, cfg.TerraformPath); err != nil {
		return nil, err
	}
	if err := r.start(ctx); err != nil {
		return nil, err
	}
	defer func() { _ = r.sandbox.Close() }()

	for _, size := range cfg.Sizes {
		separate, err := r.runLayout(ctx, SeparateResources, size)
		if err != nil {
			return nil, err
		}
		transcript, err := r.runLayout(ctx, Transcripts, size)
		if err != nil {
			return nil, err
		}
		results.Sizes = append(results.Sizes, SizeResult{Size: size, Separate: separate, Transcript: transcript})
	}
	for _, size := range cfg.TranscriptsOnly {
		transcript, err := r.runLayout(ctx, Transcripts, size)
		if err != nil {
			return nil, err
		}
		results.TranscriptsOnly = append(results.TranscriptsOnly, transcript)
	}
	for _, size := range cfg.InboxSizes {
		resources, err := r.runLayout(ctx, ContactTranscripts, size)
		if err != nil {
			return nil, err
		}
		inbox, err := r.runLayout(ctx, InboxResource, size)
		if err != nil {
			return nil, err
		}
		results.Inbox = append(results.Inbox, InboxSizeResult{Size: size, Resources: resources, Inbox: inbox})
	}
	results.Total = time.Since(results.Started)
	return results, nil
}

// start builds the provider, starts the sandbox and adds the contact every
// conversation is with.
func (r *runner) start(ctx context.Context) error {
	fmt.Fprintln(r.log, "building the provider")
	pluginDir := filepath.Join(r.workDir, "plugins")
	if err := os.MkdirAll(pluginDir, 0o700); err != nil {
		return err
	}
	if _, err := tfrun.BuildProvider(ctx, pluginDir); err != nil {
		return err
	}
	binary, err := filepath.EvalSymlinks(filepath.Join(pluginDir, tfrun.ProviderBinaryName))
	if err != nil {
		return err
	}
	r.pluginDir = pluginDir

	instance, err := sandbox.Start("127.0.0.1:0", sandbox.Options{
		Inboxes: []sandbox.Inbox{{ID: inboxID, Name: "Benchmark API"}},
		Faults:  sandbox.Faults{Latency: r.cfg.Latency},
	})
	if err != nil {
		return err
	}
	contact, err := instance.Server.AddContact(sandbox.ContactInput{Name: "Benchmark Customer"})
	if err != nil {
		_ = instance.Close()
		return err
	}
	r.sandbox, r.contactID = instance, contact.ID
	r.meter = &meter{server: instance.Server, procRoot: "/proc", providerBinary: binary}
	fmt.Fprintf(r.log, "sandbox at %s with %s latency\n", instance.URL, r.cfg.Latency)
	return nil
}

// runLayout measures the API floor, Terraform's floor and the provider for
// one size in one layout, in that order, each in a fresh workspace or
// client.
func (r *runner) runLayout(ctx context.Context, layout Layout, size Size) (LayoutResult, error) {
	result := LayoutResult{Size: size, Layout: layout}
	setup := layout.setup(size, inboxID, r.contactID, r.cfg.Parallelism)
	var err error
	if result.APIFloor, err = r.measureAPIFloor(ctx, size, setup.apiFloor); err != nil {
		return result, fmt.Errorf("%s: API floor: %w", result.Name(), err)
	}
	r.logf(result, apiFloorName(layout), "create", result.APIFloor)

	floorWS, err := r.workspace(result, "terraform_data", setup.terraformDataConfig, nil)
	if err != nil {
		return result, err
	}
	if result.TerraformFloor, err = r.meter.runPhases(ctx, floorWS, r.cfg.Parallelism); err != nil {
		return result, fmt.Errorf("%s: terraform_data floor: %w", result.Name(), err)
	}
	r.logPhases(result, "terraform_data floor (b)", result.TerraformFloor)

	providerWS, err := r.workspace(result, "provider", setup.providerConfig, map[string]string{
		provider.EnvBaseURL:   r.sandbox.URL,
		provider.EnvAPIKey:    sandbox.DefaultAPIKey,
		provider.EnvAPISecret: sandbox.DefaultAPISecret,
	})
	if err != nil {
		return result, err
	}
	seeded := len(r.sandbox.Server.Snapshot().Conversations)
	if result.Provider, err = r.meter.runPhases(ctx, providerWS, r.cfg.Parallelism); err != nil {
		return result, fmt.Errorf("%s: provider: %w", result.Name(), err)
	}
	st := r.sandbox.Server.Snapshot()
	result.SandboxContacts = len(st.Contacts)
	if layout != SeparateResources {
		result.OrderProblem = orderProblem(st, seeded, size)
	}
	r.logPhases(result, "provider", result.Provider)

	result.ApplyRatio = applyRatio(result)
	return result, nil
}

// measureAPIFloor sends size's creates with floor through a new client,
// whose idle connections are closed afterwards.
func (r *runner) measureAPIFloor(ctx context.Context, size Size, floor func(*floorClient, context.Context, Size, int) error) (Measurement, error) {
	f, closeIdle, err := newFloorClient(r.sandbox.URL, r.contactID)
	if err != nil {
		return Measurement{}, err
	}
	defer closeIdle()
	return r.meter.measure(func() (time.Duration, error) {
		return 0, floor(f, ctx, size, r.cfg.Parallelism)
	})
}

// workspace creates a directory for one size, layout and run, with main.tf
// and a CLI configuration that overrides the provider with the local
// build.
func (r *runner) workspace(of LayoutResult, name, mainTF string, env map[string]string) (*tfrun.Workspace, error) {
	dir := filepath.Join(r.workDir, of.Size.String(), strings.ReplaceAll(string(of.Layout), " ", "-"), name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	ws, err := tfrun.NewWorkspace(dir, r.cfg.TerraformPath, r.pluginDir, env)
	if err != nil {
		return nil, err
	}
	if err := ws.WriteFile("main.tf", mainTF); err != nil {
		return nil, err
	}
	return ws, nil
}

// logPhases logs every phase of a run.
func (r *runner) logPhases(of LayoutResult, run string, measured Phases) {
	for _, p := range phases {
		r.logf(of, run, p.name, *p.measurement(&measured))
	}
}

// logf writes one measurement's progress line (wall time, requests,
// connections) to Config.Log.
func (r *runner) logf(of LayoutResult, run, phase string, m Measurement) {
	fmt.Fprintf(r.log, "%s, %s %s: %s, %d requests, %d connections\n",
		of.Name(), run, phase, m.Wall.Round(time.Millisecond), m.TotalRequests(), m.Connections)
}

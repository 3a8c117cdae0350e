package provider

import (
	"context"
	"os"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// tfLogger sends the client's log lines to Terraform's provider log
// (TF_LOG=DEBUG or TRACE). The client never passes credentials, and as a
// second guard every line is masked, before it is written, for the strings
// Configure passes (livedesk.Secrets: the secret, the Authorization value
// and the API key) and for any field named authorization. Lines below
// level are dropped before they are built: masking and formatting them
// cost a tenth of the provider's CPU in a large apply, for lines nobody
// asked for.
type tfLogger struct {
	masked []string
	level  hclog.Level
}

// providerLogLevel is the level of the provider's own logger, as
// terraform-plugin-go sets it from TF_LOG_PROVIDER_LIVEDESK (main.go
// sets that to off when no log was asked for): every line when unset.
func providerLogLevel() hclog.Level {
	if level := hclog.LevelFromString(os.Getenv("TF_LOG_PROVIDER_LIVEDESK")); level != hclog.NoLevel {
		return level
	}
	return hclog.Trace
}

// newTFLogger returns a logger that masks the given strings and writes
// the lines at level and above.
func newTFLogger(masked []string, level hclog.Level) *tfLogger {
	return &tfLogger{masked: masked, level: level}
}

func (l *tfLogger) mask(ctx context.Context) context.Context {
	ctx = tflog.MaskAllFieldValuesStrings(ctx, l.masked...)
	ctx = tflog.MaskMessageStrings(ctx, l.masked...)
	return tflog.MaskFieldValuesWithFieldKeys(ctx, "authorization", "Authorization")
}

// Debug writes a masked line at DEBUG: requests, responses and retries.
func (l *tfLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	if l.level > hclog.Debug {
		return
	}
	tflog.Debug(l.mask(ctx), msg, fields)
}

// Trace writes a masked line at TRACE: response bodies.
func (l *tfLogger) Trace(ctx context.Context, msg string, fields map[string]any) {
	if l.level > hclog.Trace {
		return
	}
	tflog.Trace(l.mask(ctx), msg, fields)
}

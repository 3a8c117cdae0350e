package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// tfLogger sends the client's log lines to Terraform's provider log
// (TF_LOG=DEBUG or TRACE). The client never passes credentials, and as a
// second guard every line is masked, before it is written, for the strings
// Configure passes (livedesk.Secrets: the secret, the Authorization value
// and the API key) and for any field named authorization.
type tfLogger struct {
	masked []string
}

// newTFLogger returns a logger that masks the given strings.
func newTFLogger(masked []string) *tfLogger {
	return &tfLogger{masked: masked}
}

func (l *tfLogger) mask(ctx context.Context) context.Context {
	ctx = tflog.MaskAllFieldValuesStrings(ctx, l.masked...)
	ctx = tflog.MaskMessageStrings(ctx, l.masked...)
	return tflog.MaskFieldValuesWithFieldKeys(ctx, "authorization", "Authorization")
}

// Debug writes a masked line at DEBUG: requests, responses and retries.
func (l *tfLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(l.mask(ctx), msg, fields)
}

// Trace writes a masked line at TRACE: response bodies.
func (l *tfLogger) Trace(ctx context.Context, msg string, fields map[string]any) {
	tflog.Trace(l.mask(ctx), msg, fields)
}

package livedesk

import "context"

// Logger receives the client's structured log lines. The provider passes an
// adapter to terraform-plugin-log; fields never include credentials.
type Logger interface {
	// Debug logs request, response and retry lines.
	Debug(ctx context.Context, msg string, fields map[string]any)
	// Trace logs response bodies.
	Trace(ctx context.Context, msg string, fields map[string]any)
}

// nopLogger is the Logger New uses when Config.Logger is nil.
type nopLogger struct{}

func (nopLogger) Debug(context.Context, string, map[string]any) {}
func (nopLogger) Trace(context.Context, string, map[string]any) {}

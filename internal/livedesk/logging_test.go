package livedesk

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// captureLogger keeps every line it is given, fields rendered.
type captureLogger struct {
	mu    sync.Mutex
	lines []string
}

func (l *captureLogger) log(msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf("%s %v", msg, fields))
}

func (l *captureLogger) Debug(_ context.Context, msg string, fields map[string]any) {
	l.log(msg, fields)
}

func (l *captureLogger) Trace(_ context.Context, msg string, fields map[string]any) {
	l.log(msg, fields)
}

func TestLogsNameRequestsButNeverCredentials(t *testing.T) {
	t.Parallel()
	logger := &captureLogger{}
	c, _, _ := newTestClient(t, Config{Logger: logger, MaxRetries: 2},
		respond(http.StatusTooManyRequests, `{"error":"slow down"}`, "Retry-After", "1"),
		respond(http.StatusUnauthorized, `{"error":"Invalid API key or secret"}`))
	err := createConversation(c)
	if !IsUnauthorized(err) {
		t.Fatalf("err = %v", err)
	}
	all := strings.Join(logger.lines, "\n")
	for _, want := range []string{"POST", "/api/v2/accounts/conversations", "429", "401", "retried"} {
		if !strings.Contains(all, want) {
			t.Errorf("logs do not mention %q:\n%s", want, all)
		}
	}
	basic := base64.StdEncoding.EncodeToString([]byte(testKey + ":" + testSecret))
	for _, secret := range []string{testSecret, basic, "Authorization"} {
		if strings.Contains(all, secret) || strings.Contains(err.Error(), secret) {
			t.Errorf("%q appears in the logs or the error", secret)
		}
	}
}

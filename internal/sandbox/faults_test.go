package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestFailureRateAnswers500WithoutEffect(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	conv := itoa(c.createConversation())
	msg := c.multipart("/api/v2/accounts/conversations/"+conv+"/messages", nil, file{name: "f.txt", data: []byte("kept")}).expect(t, 200).object(t)
	dataURL := msg["attachments"].([]any)[0].(map[string]any)["data_url"].(string)

	s.SetFaults(Faults{FailureRate: 1})
	for range 3 {
		c.do(http.MethodPost, "/api/v2/accounts/contacts", map[string]any{"inbox_id": 1, "name": "never"}).
			expectBody(t, 500, `{"error":"Internal server error"}`)
	}
	c.do(http.MethodGet, "/api/v2/accounts/contacts", nil).expect(t, 500)
	// Inspection and downloads are never faulted.
	c.do(http.MethodGet, "/_sandbox/state", nil).expect(t, 200)
	if got, _ := fetch(t, dataURL); string(got) != "kept" {
		t.Errorf("data_url served %q", got)
	}

	st := s.Snapshot()
	if len(st.Contacts) != 1 { // the conversation's contact, created before the fault
		t.Errorf("contacts = %+v", st.Contacts)
	}
	if st.Requests["POST /api/v2/accounts/contacts"] != 4 || st.Responses["500"] != 4 {
		t.Errorf("requests %v, responses %v", st.Requests, st.Responses)
	}
}

func TestFailureRateIsSeeded(t *testing.T) {
	t.Parallel()
	run := func() []int {
		_, c := newSandbox(t, Options{Seed: 7, Faults: Faults{FailureRate: 0.5}})
		var statuses []int
		for range 40 {
			statuses = append(statuses, c.do(http.MethodGet, "/api/v2/accounts/contacts", nil).status)
		}
		return statuses
	}
	first, second := run(), run()
	if !slices.Equal(first, second) {
		t.Errorf("same seed, different outcomes:\n%v\n%v", first, second)
	}
	if !slices.Contains(first, 200) || !slices.Contains(first, 500) {
		t.Errorf("a 0.5 failure rate gave %v", first)
	}
}

func TestCommitThenFailStoresTheObject(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{Faults: Faults{CommitThenFailRate: 1}})
	c.do(http.MethodPost, "/api/v2/accounts/contacts", map[string]any{"inbox_id": 1, "name": "Ghost", "email": "ghost@example.com"}).
		expectBody(t, 500, `{"error":"Internal server error"}`)
	if st := s.Snapshot(); len(st.Contacts) != 1 || st.Contacts[0].Name != "Ghost" {
		t.Fatalf("contacts = %+v", st.Contacts)
	}
	// GETs are not affected; a retried create now meets the duplicate.
	_, page := listPage(t, c, "?q=ghost")
	if len(page) != 1 {
		t.Errorf("search found %v", page)
	}
	s.SetFaults(Faults{})
	c.do(http.MethodPost, "/api/v2/accounts/contacts", map[string]any{"inbox_id": 1, "email": "ghost@example.com"}).expect(t, 422)
}

func TestDropAfterCommitClosesTheConnection(t *testing.T) {
	t.Parallel()
	var logged []string
	var mu sync.Mutex
	s, c := newSandbox(t, Options{Logf: func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		logged = append(logged, fmt.Sprintf(format, args...))
	}})
	conv := itoa(c.createConversation())
	s.SetFaults(Faults{DropAfterCommitRate: 1})
	req, _ := http.NewRequest(http.MethodPost, c.base+"/api/v2/accounts/conversations/"+conv+"/messages", strings.NewReader(`{"content":"lost answer"}`))
	req.SetBasicAuth(DefaultAPIKey, DefaultAPISecret)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err == nil {
		_ = resp.Body.Close()
		t.Fatalf("got %s, want a transport error", resp.Status)
	}
	st := s.Snapshot()
	if len(st.Messages) != 1 || st.Messages[0].Content != "lost answer" {
		t.Errorf("messages = %+v", st.Messages)
	}
	if st.Responses["dropped"] != 1 {
		t.Errorf("responses = %v", st.Responses)
	}
	// The handler logs after closing the connection: wait for its line.
	wantLog := "POST /api/v2/accounts/conversations/" + conv + "/messages dropped "
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		mu.Lock()
		found := slices.ContainsFunc(logged, func(l string) bool { return strings.HasPrefix(l, wantLog) })
		mu.Unlock()
		if found {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no log line %q", wantLog)
		}
	}
	c.do(http.MethodGet, "/api/v2/accounts/contacts", nil).expect(t, 200) // GETs are never dropped
}

func TestRateLimitAnswers429WithRetryAfter(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		rate       float64
		burst      int
		retryAfter string
	}{
		{rate: 0.5, burst: 1, retryAfter: "2"},
		{rate: 2, burst: 2, retryAfter: "1"},
	} {
		s, c := newSandbox(t, Options{Faults: Faults{RateLimit: tc.rate}})
		for range tc.burst {
			c.do(http.MethodGet, "/api/v2/accounts/contacts", nil).expect(t, 200)
		}
		res := c.do(http.MethodPost, "/api/v2/accounts/contacts", map[string]any{"inbox_id": 1})
		res.expectBody(t, 429, `{"error":"Too many requests"}`)
		if got := res.header.Get("Retry-After"); got != tc.retryAfter {
			t.Errorf("rate %v: Retry-After = %q, want %q", tc.rate, got, tc.retryAfter)
		}
		if st := s.Snapshot(); len(st.Contacts) != 0 || st.Responses["429"] != 1 || st.Requests["POST /api/v2/accounts/contacts"] != 1 {
			t.Errorf("rate %v: state %+v", tc.rate, st)
		}
		c.do(http.MethodGet, "/_sandbox/faults", nil).expect(t, 200) // not limited
	}
}

func TestLatencyDelaysAPIRequestsOnly(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{Faults: Faults{Latency: 60 * time.Millisecond}})
	start := time.Now()
	c.do(http.MethodGet, "/api/v2/accounts/contacts", nil).expect(t, 200)
	if d := time.Since(start); d < 60*time.Millisecond {
		t.Errorf("API request took %v", d)
	}
	start = time.Now()
	c.do(http.MethodGet, "/_sandbox/state", nil).expect(t, 200)
	if d := time.Since(start); d >= 60*time.Millisecond {
		t.Errorf("inspection took %v", d)
	}
}

func TestFaultsOverHTTP(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	body := `{"latency":"20ms","rate_limit":20,"failure_rate":0.1,"commit_then_fail_rate":0.2,"drop_after_commit_rate":0.3}`
	c.do(http.MethodPut, "/_sandbox/faults", body).expectBody(t, 200, body)
	want := Faults{Latency: 20 * time.Millisecond, RateLimit: 20, FailureRate: 0.1, CommitThenFailRate: 0.2, DropAfterCommitRate: 0.3}
	if got := s.Faults(); got != want {
		t.Errorf("Faults() = %+v, want %+v", got, want)
	}
	c.do(http.MethodGet, "/_sandbox/faults", nil).expectBody(t, 200, body)
	c.do(http.MethodPut, "/_sandbox/faults", `{"failure_rate":1}`).
		expectBody(t, 200, `{"latency":"0s","rate_limit":0,"failure_rate":1,"commit_then_fail_rate":0,"drop_after_commit_rate":0}`)

	for _, bad := range []string{`{"failure_rate":2}`, `{"rate_limit":-1}`, `{"latency":"soon"}`, `{"latency":"-1s"}`, `{"bogus":1}`, `{`} {
		c.do(http.MethodPut, "/_sandbox/faults", bad).expect(t, 422)
	}
	if got := s.Faults(); got != (Faults{FailureRate: 1}) {
		t.Errorf("refused PUTs changed the faults: %+v", got)
	}
}

func TestFaultsJSONAndValidate(t *testing.T) {
	t.Parallel()
	f := Faults{Latency: 1500 * time.Millisecond, RateLimit: 2.5}
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != `{"latency":"1.5s","rate_limit":2.5,"failure_rate":0,"commit_then_fail_rate":0,"drop_after_commit_rate":0}` {
		t.Errorf("json = %s", data)
	}
	var back Faults
	if err := json.Unmarshal(data, &back); err != nil || back != f {
		t.Errorf("round trip = %+v, %v", back, err)
	}
	if err := (Faults{FailureRate: 1, CommitThenFailRate: 0.5}).Validate(); err != nil {
		t.Errorf("valid faults refused: %v", err)
	}
	err = Faults{Latency: -1, FailureRate: 1.5, DropAfterCommitRate: -0.1}.Validate()
	for _, want := range []string{"latency", "failure_rate", "drop_after_commit_rate"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate error %v does not name %s", err, want)
		}
	}
}

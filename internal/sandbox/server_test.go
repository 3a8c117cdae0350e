package sandbox

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

func TestAuthentication(t *testing.T) {
	t.Parallel()
	for name, mutate := range map[string]func(*testClient){
		"missing":      func(c *testClient) { c.noAuth = true },
		"wrong key":    func(c *testClient) { c.key = "guess-key" },
		"wrong secret": func(c *testClient) { c.secret = "guess-secret" },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s, c := newSandbox(t, Options{})
			mutate(c)
			res := c.do(http.MethodPost, "/api/v2/accounts/contacts", map[string]any{"inbox_id": 1, "name": "x"})
			res.expectBody(t, http.StatusUnauthorized, `{"error":"Invalid API key or secret"}`)
			if strings.Contains(string(res.raw), "guess") {
				t.Errorf("401 body echoes the credentials: %s", res.raw)
			}
			if n := len(s.Snapshot().Contacts); n != 0 {
				t.Errorf("%d contacts created without credentials", n)
			}
		})
	}
}

func TestCustomCredentials(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{APIKey: "k", APISecret: "s"})
	c.do(http.MethodGet, "/api/v2/accounts/contacts", nil).expect(t, http.StatusUnauthorized)
	c.key, c.secret = "k", "s"
	c.do(http.MethodGet, "/api/v2/accounts/contacts", nil).expect(t, http.StatusOK)
}

func TestRoutingErrorsAreJSON(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	c.do(http.MethodGet, "/api/v2/accounts/unknown", nil).
		expectBody(t, http.StatusNotFound, `{"error":"No route matches GET /api/v2/accounts/unknown"}`)
	res := c.do(http.MethodDelete, "/api/v2/accounts/contacts", nil)
	res.expectBody(t, http.StatusMethodNotAllowed, `{"error":"Method DELETE is not allowed here"}`)
	if got := res.header.Get("Allow"); got != "GET, POST" {
		t.Errorf("Allow = %q", got)
	}
	c.do(http.MethodGet, "/api/v2/accounts/conversations", nil).expect(t, http.StatusMethodNotAllowed)
	c.do(http.MethodGet, "/elsewhere", nil).expectBody(t, http.StatusNotFound, `{"error":"No route matches GET /elsewhere"}`)
}

func TestMalformedJSONIs422(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	for _, body := range []string{`{"inbox_id": 1,`, `{"inbox_id": 1,}`, `[1]`} {
		res := c.do(http.MethodPost, "/api/v2/accounts/conversations", body).expect(t, http.StatusUnprocessableEntity)
		if msg, _ := res.object(t)["error"].(string); msg == "" {
			t.Errorf("%s: body %s has no error message", body, res.raw)
		}
	}
	c.do(http.MethodPost, "/api/v2/accounts/contacts", `{"inbox_id":1,"custom_attributes":{"n":5}}`).
		expectBody(t, http.StatusUnprocessableEntity, `{"error":"Invalid value for custom_attributes: a JSON number is not allowed here"}`)
}

func TestRequestAndResponseCounters(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	convID := c.createConversation()
	c.do(http.MethodPost, "/api/v2/accounts/conversations/"+itoa(convID)+"/messages", map[string]any{"content": "a"}).expect(t, http.StatusOK)
	c.do(http.MethodPost, "/api/v2/accounts/conversations/999/messages", map[string]any{"content": "b"}).expect(t, http.StatusNotFound)
	c.do(http.MethodGet, "/_sandbox/state", nil).expect(t, http.StatusOK) // not counted
	c.noAuth = true
	c.do(http.MethodGet, "/api/v2/accounts/contacts", nil).expect(t, http.StatusUnauthorized)

	st := s.Snapshot()
	wantRequests := map[string]int{
		"POST /api/v2/accounts/contacts":                    1,
		"POST /api/v2/accounts/conversations":               1,
		"POST /api/v2/accounts/conversations/{id}/messages": 2,
		"GET /api/v2/accounts/contacts":                     1,
	}
	if !jsonEqual(st.Requests, wantRequests) {
		t.Errorf("requests = %v, want %v", st.Requests, wantRequests)
	}
	if wantResponses := map[string]int{"200": 3, "404": 1, "401": 1}; !jsonEqual(st.Responses, wantResponses) {
		t.Errorf("responses = %v, want %v", st.Responses, wantResponses)
	}
}

func TestLogfWritesOneLinePerRequestWithoutSecrets(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var lines []string
	_, c := newSandbox(t, Options{Logf: func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		lines = append(lines, fmt.Sprintf(format, args...))
	}})
	c.do(http.MethodGet, "/api/v2/accounts/contacts?q=private@example.com", nil).expect(t, http.StatusOK)
	c.secret = "wrong-secret"
	c.do(http.MethodGet, "/api/v2/accounts/contacts", nil).expect(t, http.StatusUnauthorized)

	mu.Lock()
	defer mu.Unlock()
	if len(lines) != 2 {
		t.Fatalf("lines = %q", lines)
	}
	if !strings.HasPrefix(lines[0], "GET /api/v2/accounts/contacts 200 ") || !strings.HasPrefix(lines[1], "GET /api/v2/accounts/contacts 401 ") {
		t.Errorf("lines = %q", lines)
	}
	for _, l := range lines {
		for _, secret := range []string{DefaultAPISecret, "wrong-secret", "private@example.com", "Basic"} {
			if strings.Contains(l, secret) {
				t.Errorf("log line %q contains %q", l, secret)
			}
		}
	}
}

func TestConcurrentCreatesGetUniqueIDs(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	const workers, each = 8, 10
	var wg sync.WaitGroup
	post := func(path, body string) error {
		req, _ := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(body))
		req.SetBasicAuth(DefaultAPIKey, DefaultAPISecret)
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("POST %s: %s", path, resp.Status)
		}
		return nil
	}
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				if err := post("/api/v2/accounts/contacts", fmt.Sprintf(`{"inbox_id":1,"email":"w%d-%d@example.com","source_id":"w%d-%d"}`, w, i, w, i)); err != nil {
					t.Error(err)
				}
				if err := post("/api/v2/accounts/conversations", fmt.Sprintf(`{"inbox_id":1,"source_id":"w%d-%d"}`, w, i)); err != nil {
					t.Error(err)
				}
				s.Snapshot() // readers race with writers
			}
		})
	}
	wg.Wait()
	st := s.Snapshot()
	if len(st.Contacts) != workers*each || len(st.Conversations) != workers*each {
		t.Fatalf("%d contacts, %d conversations", len(st.Contacts), len(st.Conversations))
	}
	for i, conv := range st.Conversations {
		if conv.ID != int64(i+1) || st.Contacts[i].ID != int64(i+1) {
			t.Fatalf("IDs are not 1..%d: conversation %d, contact %d at %d", workers*each, conv.ID, st.Contacts[i].ID, i)
		}
	}
}

package sandbox

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

func TestStartCountsConnections(t *testing.T) {
	t.Parallel()
	inst, err := Start("127.0.0.1:0", Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := &testClient{t: t, base: inst.URL, http: &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}, key: DefaultAPIKey, secret: DefaultAPISecret}
	for range 3 {
		c.do(http.MethodGet, "/api/v2/accounts/contacts", nil).expect(t, http.StatusOK)
	}
	if got := inst.Server.Snapshot().Connections; got != 3 {
		t.Errorf("connections = %d, want 3", got)
	}

	// A keep-alive client limited to one connection reuses it.
	c.http = &http.Client{Transport: &http.Transport{MaxConnsPerHost: 1}}
	for range 3 {
		c.do(http.MethodGet, "/api/v2/accounts/contacts", nil).expect(t, http.StatusOK)
	}
	if got := inst.Server.Snapshot().Connections; got != 4 {
		t.Errorf("connections = %d, want 4", got)
	}
	inst.Server.Reset()
	if got := inst.Server.Snapshot().Connections; got != 0 {
		t.Errorf("connections after Reset = %d", got)
	}

	if err := inst.Close(); err != nil {
		t.Fatal(err)
	}
	if err := inst.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if resp, err := http.Get(inst.URL + "/_sandbox/state"); err == nil {
		_ = resp.Body.Close()
		t.Error("server still answers after Close")
	}
}

func TestStartRefusesABusyAddress(t *testing.T) {
	t.Parallel()
	inst, err := Start("127.0.0.1:0", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = inst.Close() }()
	if _, err := Start(inst.URL[len("http://"):], Options{}); err == nil {
		t.Error("second Start on the same address succeeded")
	}
}

func TestEnvAndEnvFile(t *testing.T) {
	t.Parallel()
	inst, err := Start("127.0.0.1:0", Options{APIKey: "k", APISecret: "s", Inboxes: []Inbox{{ID: 407, Name: "x"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = inst.Close() }()
	want := "LIVEDESK_BASE_URL=" + inst.URL + "\nLIVEDESK_API_KEY=k\nLIVEDESK_API_SECRET=s\nLIVEDESK_INBOX_ID=407\n"
	if got := inst.Env(); got != want {
		t.Errorf("Env() = %q, want %q", got, want)
	}
	path := filepath.Join(t.TempDir(), "sandbox.env")
	if err := inst.WriteEnvFile(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil || string(data) != want {
		t.Errorf("env file = %q, %v", data, err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

package sandbox

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"strconv"
	"strings"
	"testing"
)

// testClient talks to a sandbox served by httptest.
type testClient struct {
	t      *testing.T
	base   string
	http   *http.Client
	noAuth bool
	key    string
	secret string
}

// response is a decoded answer.
type response struct {
	status int
	header http.Header
	raw    []byte
}

// newSandbox serves a new Server for the test and returns it with a client
// holding the default credentials.
func newSandbox(t *testing.T, opts Options) (*Server, *testClient) {
	t.Helper()
	s := New(opts)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	t.Cleanup(s.StopLiveUpdates) // runs first: ts.Close waits for open streams
	return s, &testClient{t: t, base: ts.URL, http: ts.Client(), key: DefaultAPIKey, secret: DefaultAPISecret}
}

// do sends a request; body is nil, a string sent verbatim, or a value sent
// as JSON.
func (c *testClient) do(method, path string, body any) response {
	c.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, c.base+path, r)
	if err != nil {
		c.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return c.send(req)
}

// file is a part of a multipart message request.
type file struct {
	name, contentType string
	data              []byte
}

// multipart sends a multipart/form-data POST with the given fields and
// attachments[] files.
func (c *testClient) multipart(path string, fields map[string]string, files ...file) response {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			c.t.Fatal(err)
		}
	}
	for _, f := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="attachments[]"; filename="`+f.name+`"`)
		if f.contentType != "" {
			h.Set("Content-Type", f.contentType)
		}
		w, err := mw.CreatePart(h)
		if err != nil {
			c.t.Fatal(err)
		}
		_, _ = w.Write(f.data)
	}
	if err := mw.Close(); err != nil {
		c.t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, c.base+path, &buf)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.send(req)
}

// send adds credentials and performs the request.
func (c *testClient) send(req *http.Request) response {
	c.t.Helper()
	if !c.noAuth {
		req.SetBasicAuth(c.key, c.secret)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return response{status: resp.StatusCode, header: resp.Header, raw: raw}
}

// object decodes the body as a JSON object, numbers as json.Number.
func (r response) object(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := decodeNumbers(r.raw, &m); err != nil {
		t.Fatalf("body is not a JSON object: %v: %s", err, r.raw)
	}
	return m
}

// expect fails the test unless the status is want.
func (r response) expect(t *testing.T, want int) response {
	t.Helper()
	if r.status != want {
		t.Fatalf("status = %d, want %d; body %s", r.status, want, r.raw)
	}
	return r
}

// expectBody fails the test unless status and JSON body are as given.
func (r response) expectBody(t *testing.T, status int, body string) {
	t.Helper()
	r.expect(t, status)
	var got, want any
	if err := json.Unmarshal(r.raw, &got); err != nil {
		t.Fatalf("body is not JSON: %s", r.raw)
	}
	if err := json.Unmarshal([]byte(body), &want); err != nil {
		t.Fatal(err)
	}
	if !jsonEqual(got, want) {
		t.Fatalf("body = %s, want %s", r.raw, body)
	}
}

// decodeNumbers decodes JSON keeping numbers as json.Number.
func decodeNumbers(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}

// jsonEqual compares decoded JSON values.
func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// num returns the int64 at m[key].
func num(t *testing.T, m map[string]any, key string) int64 {
	t.Helper()
	n, ok := m[key].(json.Number)
	if !ok {
		t.Fatalf("%s = %#v, want a number", key, m[key])
	}
	v, err := n.Int64()
	if err != nil {
		t.Fatalf("%s = %s, want an integer", key, n)
	}
	return v
}

// obj returns the object at m[key].
func obj(t *testing.T, m map[string]any, key string) map[string]any {
	t.Helper()
	o, ok := m[key].(map[string]any)
	if !ok {
		t.Fatalf("%s = %#v, want an object", key, m[key])
	}
	return o
}

// createContact creates a contact through the API and returns its object.
func (c *testClient) createContact(body map[string]any) map[string]any {
	c.t.Helper()
	if _, ok := body["inbox_id"]; !ok {
		body["inbox_id"] = 1
	}
	payload := obj(c.t, c.do(http.MethodPost, "/api/v2/accounts/contacts", body).expect(c.t, http.StatusOK).object(c.t), "payload")
	return obj(c.t, payload, "contact")
}

// createConversation creates a conversation with a new contact and returns its ID.
func (c *testClient) createConversation() int64 {
	c.t.Helper()
	contact := c.createContact(map[string]any{"name": "Conversation Contact"})
	conv := c.do(http.MethodPost, "/api/v2/accounts/conversations", map[string]any{"inbox_id": 1, "contact_id": contact["id"]}).expect(c.t, http.StatusOK).object(c.t)
	return num(c.t, conv, "id")
}

// itoa formats an ID for a path.
func itoa(id int64) string { return strconv.FormatInt(id, 10) }

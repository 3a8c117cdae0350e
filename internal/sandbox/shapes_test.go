package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// jsonKind names the JSON type of a decoded value; numbers are "integer"
// or "float" by how they are written, so that int64 IDs and float
// timestamps are told apart.
func jsonKind(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "bool"
	case string:
		return "string"
	case json.Number:
		if strings.ContainsAny(string(v), ".eE") {
			return "float"
		}
		return "integer"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return fmt.Sprintf("unexpected %T", v)
}

// sameShape reports every difference in key sets and JSON kinds between a
// vendor example (want) and a sandbox response (got), recursively. Elements
// of arrays are compared with the example's first element. Paths in
// nullable may be null on one side and anything on the other.
func sameShape(path string, want, got any, nullable map[string]bool) []string {
	wk, gk := jsonKind(want), jsonKind(got)
	if wk != gk {
		if nullable[path] && (wk == "null" || gk == "null") {
			return nil
		}
		return []string{fmt.Sprintf("%s: vendor has %s, sandbox has %s", path, wk, gk)}
	}
	var diffs []string
	switch w := want.(type) {
	case map[string]any:
		g := got.(map[string]any)
		for k := range w {
			if _, ok := g[k]; !ok {
				diffs = append(diffs, fmt.Sprintf("%s.%s: missing in sandbox", path, k))
			}
		}
		for k, gv := range g {
			wv, ok := w[k]
			if !ok {
				diffs = append(diffs, fmt.Sprintf("%s.%s: not in vendor example", path, k))
				continue
			}
			diffs = append(diffs, sameShape(path+"."+k, wv, gv, nullable)...)
		}
	case []any:
		if len(w) > 0 {
			for i, gv := range got.([]any) {
				diffs = append(diffs, sameShape(fmt.Sprintf("%s[%d]", path, i), w[0], gv, nullable)...)
			}
		}
	}
	slices.Sort(diffs)
	return diffs
}

// vendorExample decodes a file of internal/livedesk/testdata.
func vendorExample(t *testing.T, name string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "livedesk", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := decodeNumbers(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// assertShape fails the test for every shape difference.
func assertShape(t *testing.T, example string, got map[string]any, nullable map[string]bool) {
	t.Helper()
	for _, d := range sameShape("$", vendorExample(t, example), got, nullable) {
		t.Error(d)
	}
}

func TestSameShapeDetectsDifferences(t *testing.T) {
	t.Parallel()
	var want, got map[string]any
	_ = decodeNumbers([]byte(`{"a":1,"b":1.5,"c":null,"d":[{"x":""}],"e":{}}`), &want)
	_ = decodeNumbers([]byte(`{"a":1.5,"b":1.5,"c":"s","d":[{"y":""}],"f":1}`), &got)
	diffs := sameShape("$", want, got, map[string]bool{"$.c": true})
	wantDiffs := []string{
		"$.a: vendor has integer, sandbox has float",
		"$.d[0].x: missing in sandbox",
		"$.d[0].y: not in vendor example",
		"$.e: missing in sandbox",
		"$.f: not in vendor example",
	}
	if !slices.Equal(diffs, wantDiffs) {
		t.Fatalf("diffs = %q, want %q", diffs, wantDiffs)
	}
}

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestCreateConversationShapeMatchesVendorExample(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{Inboxes: []Inbox{{ID: 407, Name: "JennyApi"}}})
	contact := c.createContact(map[string]any{"inbox_id": 407, "name": "wjTest"})
	conv := c.do(http.MethodPost, "/api/v2/accounts/conversations", map[string]any{"inbox_id": 407, "contact_id": contact["id"]}).
		expect(t, http.StatusOK).object(t)

	assertShape(t, "create_conversation_response.th.json", conv, nil)
	if num(t, conv, "id") != 1 || num(t, conv, "account_id") != DefaultAccountID || num(t, conv, "inbox_id") != 407 {
		t.Errorf("id, account_id, inbox_id = %v, %v, %v", conv["id"], conv["account_id"], conv["inbox_id"])
	}
	if !uuidV4.MatchString(conv["uuid"].(string)) {
		t.Errorf("uuid %q is not a v4 UUID", conv["uuid"])
	}
	if conv["status"] != "open" || obj(t, conv, "platform")["inbox_name"] != "JennyApi" {
		t.Errorf("status %v, platform %v", conv["status"], conv["platform"])
	}
	sender := obj(t, obj(t, conv, "meta"), "sender")
	if sender["id"] != contact["id"] || sender["name"] != "wjTest" || obj(t, conv, "account_info")["contact_name"] != "wjTest" {
		t.Errorf("sender %v, account_info %v", sender, conv["account_info"])
	}
	if num(t, conv, "created_at") != num(t, conv, "timestamp") {
		t.Errorf("created_at %v != timestamp %v", conv["created_at"], conv["timestamp"])
	}
}

func TestConversationShapeWithFullContact(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	contact := c.createContact(map[string]any{"name": "Full", "email": "full@example.com", "phone_number": "+15550001", "identifier": "ext-1"})
	conv := c.do(http.MethodPost, "/api/v2/accounts/conversations", map[string]any{"inbox_id": 1, "contact_id": contact["id"]}).
		expect(t, http.StatusOK).object(t)
	assertShape(t, "create_conversation_response.th.json", conv, map[string]bool{
		"$.meta.sender.email":          true,
		"$.meta.sender.phone_number":   true,
		"$.meta.sender.identifier":     true,
		"$.account_info.contact_email": true,
		"$.account_info.contact_phone": true,
	})
	if info := obj(t, conv, "account_info"); info["contact_email"] != "full@example.com" || info["contact_phone"] != "+15550001" {
		t.Errorf("account_info = %v", info)
	}
}

func TestSendTextMessageShapeMatchesVendorExample(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	convID := c.createConversation()
	msg := c.do(http.MethodPost, fmt.Sprintf("/api/v2/accounts/conversations/%d/messages", convID), map[string]any{"content": "エージェントからのメッセージ送信、正常ですか", "private": false}).
		expect(t, http.StatusOK).object(t)
	assertShape(t, "send_message_text_response.ja.json", msg, nil)
	sender := obj(t, msg, "sender")
	if sender["name"] != "Sandbox Agent" || sender["type"] != "user" || msg["content"] != "エージェントからのメッセージ送信、正常ですか" {
		t.Errorf("message = %v", msg)
	}
}

func TestSendFileMessageShapeMatchesVendorExample(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	convID := c.createConversation()
	msg := c.multipart(fmt.Sprintf("/api/v2/accounts/conversations/%d/messages", convID),
		map[string]string{"content": "詳細画像は以下の通り"},
		file{name: "android-icon-48x48.png", contentType: "image/png", data: []byte("\x89PNG\r\n\x1a\nfake")}).
		expect(t, http.StatusOK).object(t)
	assertShape(t, "send_message_file_response.ja.json", msg, nil)
}

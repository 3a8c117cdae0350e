package livedesk

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

// The client's encode and decode path, alone and in a full create against
// a local server. Run with `go test -run '^$' -bench . ./internal/livedesk`.

func BenchmarkEncodeConversationRequest(b *testing.B) {
	b.ReportAllocs()
	req := CreateConversationRequest{InboxID: 407, ContactID: 2219256}
	for b.Loop() {
		if _, err := jsonBody(req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeMessageRequest(b *testing.B) {
	b.ReportAllocs()
	req := CreateMessageRequest{Content: "エージェントからのメッセージ送信、正常ですか", InReplyTo: 29}
	for b.Loop() {
		if _, err := encodeMessage(req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeConversationResponse(b *testing.B) {
	benchmarkDecode[Conversation](b, "create_conversation_response.th.json")
}

func BenchmarkDecodeMessageResponse(b *testing.B) {
	benchmarkDecode[Message](b, "send_message_text_response.ja.json")
}

func BenchmarkDecodeMessageWithFileResponse(b *testing.B) {
	benchmarkDecode[Message](b, "send_message_file_response.ja.json")
}

// benchmarkDecode decodes a vendor response example into a T.
func benchmarkDecode[T any](b *testing.B, name string) {
	data := fixture(b, name)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var out T
		if err := json.Unmarshal(data, &out); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCreateConversationRoundTrip(b *testing.B) {
	client := benchClient(b, "create_conversation_response.th.json")
	req := CreateConversationRequest{InboxID: 407, ContactID: 2219256}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := client.Conversations.Create(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCreateMessageRoundTrip(b *testing.B) {
	client := benchClient(b, "send_message_text_response.ja.json")
	req := CreateMessageRequest{Content: "Benchmark message"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := client.Messages.Create(context.Background(), 141, req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCreateMessageRoundTripParallel sends creates from GOMAXPROCS
// goroutines through one client, as parallel Terraform resources do.
func BenchmarkCreateMessageRoundTripParallel(b *testing.B) {
	client := benchClient(b, "send_message_text_response.ja.json")
	req := CreateMessageRequest{Content: "Benchmark message"}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := client.Messages.Create(context.Background(), 141, req); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// benchClient returns a client of a local server that answers every
// request with the named vendor example.
func benchClient(b *testing.B, name string) *Client {
	b.Helper()
	srv := httptest.NewServer(respond(http.StatusOK, string(fixture(b, name))))
	b.Cleanup(srv.Close)
	client, err := New(Config{BaseURL: srv.URL, APIKey: testKey, APISecret: testSecret})
	if err != nil {
		b.Fatal(err)
	}
	return client
}

// BenchmarkSendLargeAttachment sends a 50 MB file to a server that reads
// and discards it. The file is streamed into the request, so the bytes
// allocated per send (B/op) stay far below the file's size.
func BenchmarkSendLargeAttachment(b *testing.B) {
	const size = 50 << 20
	path := filepath.Join(b.TempDir(), "large.bin")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		b.Fatal(err)
	}
	_ = f.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		_, _ = w.Write([]byte(`{"id":1}`))
	}))
	b.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, APIKey: "k", APISecret: "s"})
	if err != nil {
		b.Fatal(err)
	}
	req := CreateMessageRequest{Content: "large", Files: []File{{Name: "large.bin", Open: func() (io.ReadCloser, error) { return os.Open(path) }}}}
	b.ReportAllocs()
	b.SetBytes(size)
	for b.Loop() {
		if _, err := c.Messages.Create(context.Background(), 1, req); err != nil {
			b.Fatal(err)
		}
	}
}

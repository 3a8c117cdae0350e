package conversation

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// fakeMessages records what was sent and answers with increasing ids; it
// fails the send numbered failAt (from 1) with err, and records every
// message with the direction recordAs when set.
type fakeMessages struct {
	sent     []livedesk.CreateMessageRequest
	failAt   int
	err      error
	recordAs string
}

func (f *fakeMessages) Create(_ context.Context, _ int64, req livedesk.CreateMessageRequest) (*livedesk.Message, error) {
	if len(f.sent)+1 == f.failAt {
		return nil, f.err
	}
	f.sent = append(f.sent, req)
	direction := req.MessageType
	if f.recordAs != "" {
		direction = f.recordAs
	}
	return &livedesk.Message{ID: livedesk.Int64(500 + len(f.sent)), MessageType: livedesk.MessageType(direction)}, nil
}

func TestTranscriptSendsInOrderWithReplies(t *testing.T) {
	t.Parallel()
	fake := &fakeMessages{}
	messages := []Message{text("a"), text("b"), text("c")}
	messages[0].ID = Known(int64(90)) // held
	messages[2].ReplyTo = Known(int64(1))
	answers, err := Sender{Messages: fake, Explain: func(err error) string { return err.Error() }}.Transcript(context.Background(), 7, messages, 1)
	if err != nil || len(answers) != 2 {
		t.Fatalf("answers %d, err %v", len(answers), err)
	}
	if len(fake.sent) != 2 || fake.sent[0].Content != "b" || fake.sent[1].Content != "c" || fake.sent[1].InReplyTo != 501 {
		t.Errorf("sent %+v: want b then c replying to b's id 501", fake.sent)
	}
	if messages[1].ID.Get() != 501 || messages[2].ID.Get() != 502 {
		t.Errorf("ids recorded %v %v", messages[1].ID, messages[2].ID)
	}
}

// TestTranscriptUsesTheDirectionLiveDeskRecorded makes the status rule see
// the direction LiveDesk recorded, and warns.
func TestTranscriptUsesTheDirectionLiveDeskRecorded(t *testing.T) {
	t.Parallel()
	fake := &fakeMessages{recordAs: "incoming"}
	answers, err := Sender{Messages: fake, Explain: func(err error) string { return err.Error() }}.Transcript(context.Background(), 7, []Message{text("a")}, 0)
	if err != nil || answers[0].Direction != "incoming" || !strings.Contains(answers[0].Warning, `sent as "outgoing" but LiveDesk answered that it is "incoming"`) {
		t.Fatalf("answers %+v, %v", answers, err)
	}
	if got := Holds(StatusOf("resolved"), Directions(answers)); got.Value.Get() != "open" {
		t.Errorf("after a message LiveDesk recorded as incoming a resolved conversation holds %v, want open", got.Value)
	}
}

func TestTranscriptFailureAdvice(t *testing.T) {
	t.Parallel()
	sender := func(fake *fakeMessages) Sender {
		return Sender{Messages: fake, Explain: func(err error) string { return "explained: " + err.Error() }}
	}
	ambiguous := &livedesk.TransportError{Method: "POST", URL: "http://127.0.0.1/x", Sent: true, Create: true, Err: errors.New("timeout")}
	for name, tc := range map[string]struct {
		err     error
		target  ImportTarget
		tainted bool
		want    []string
	}{
		"refused, update": {&livedesk.APIError{StatusCode: 422, Method: "POST", Path: "/x"}, SingleImport{}, false,
			[]string{"holds messages[0] (id 501)", "LiveDesk does not hold it", "apply again, which sends it"}},
		"may have arrived, key": {ambiguous, EntriesImport{InboxID: 3, Key: "k"}, false,
			[]string{"Whether it arrived is not known", "terraform import <address> 3:k=7/501,<its message id>"}},
		"refused, tainted": {&livedesk.APIError{StatusCode: 422, Method: "POST", Path: "/x"}, SingleImport{}, true,
			[]string{"the conversation is tainted", "terraform untaint <address>", "To start over instead"}},
	} {
		t.Run(name, func(t *testing.T) {
			fake := &fakeMessages{failAt: 2, err: tc.err}
			_, err := sender(fake).Transcript(context.Background(), 7, []Message{text("a"), text("b"), text("c")}, 0)
			var failed *TranscriptError
			if !errors.As(err, &failed) || failed.Index != 1 {
				t.Fatalf("err %v", err)
			}
			if len(fake.sent) != 1 {
				t.Errorf("sent %d messages after the failure, want none", len(fake.sent)-1)
			}
			advice := failed.Advice(tc.target, tc.tainted)
			for _, want := range tc.want {
				if !strings.Contains(advice, want) {
					t.Errorf("advice %q does not say %q", advice, want)
				}
			}
		})
	}
}

func TestPinnedFileRefusesBytesTheHashDoesNotName(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "doc.txt")
	if err := os.WriteFile(file, []byte("reviewed"), 0o600); err != nil {
		t.Fatal(err)
	}
	hashOf := func(b string) string { sum := sha256.Sum256([]byte(b)); return hex.EncodeToString(sum[:]) }
	read := func(hash string) error {
		f := PinnedFiles([]string{file}, []string{hash})[0]
		if f.Name != "doc.txt" {
			t.Errorf("name = %q, want the base name", f.Name)
		}
		r, err := f.Open()
		if err != nil {
			return err
		}
		defer func() { _ = r.Close() }()
		_, err = io.Copy(io.Discard, r)
		return err
	}
	if err := read(hashOf("reviewed")); err != nil {
		t.Errorf("the planned bytes were refused: %v", err)
	}
	if err := read(hashOf("something else")); !errors.Is(err, ErrFileChanged) {
		t.Errorf("other bytes: err = %v, want ErrFileChanged", err)
	}
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	if err := read(hashOf("reviewed")); err == nil {
		t.Error("a deleted file gave no error")
	}
}

// TestTranscriptHashesFilesThePlanCouldNotHash sends an element whose
// files' hashes were unknown at plan time: they are hashed as it is sent.
func TestTranscriptHashesFilesThePlanCouldNotHash(t *testing.T) {
	t.Parallel()
	file, hash := fileOf(t, "known at apply")
	m := withFiles(text("a"), file)
	m.Hashes = Unknown[string]()
	fake := &fakeMessages{}
	answers, err := Sender{Messages: fake, Explain: func(err error) string { return err.Error() }}.Transcript(context.Background(), 7, []Message{m}, 0)
	if err != nil || len(answers) != 1 || len(answers[0].Hashes) != 1 || answers[0].Hashes[0] != hash {
		t.Fatalf("answers %+v, %v: want the file hashed as sent", answers, err)
	}
	if len(fake.sent) != 1 || len(fake.sent[0].Files) != 1 {
		t.Errorf("sent %+v: want one message with its file", fake.sent)
	}
}

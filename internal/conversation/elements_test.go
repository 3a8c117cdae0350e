package conversation

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fileOf writes data to a new file and returns its path and hex SHA-256.
func fileOf(t *testing.T, data string) (string, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "file.txt")
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(data))
	return path, hex.EncodeToString(sum[:])
}

// elements are messages as a plan configures them, their ids and hashes
// not known, every file path known.
func elements(messages ...Message) []Element {
	out := make([]Element, len(messages))
	for i, m := range messages {
		m.ID, m.Hashes = Unknown[int64](), Unknown[string]()
		out[i] = Element{Message: m}
	}
	return out
}

// withFiles is m with files attached.
func withFiles(m Message, files ...string) Message {
	m.Files = files
	return m
}

// sentAs is m as the state records it once sent: with an id, and hashes
// when it has files.
func sentAs(m Message, id int64, hashes string) Message {
	m.ID = Known(id)
	if m.Files != nil {
		m.Hashes = Known(hashes)
	}
	return m
}

func TestPlanElementsAdoptsHeldMessages(t *testing.T) {
	t.Parallel()
	file, hash := fileOf(t, "on disk")
	gone := filepath.Join(t.TempDir(), "gone.txt")
	plan, problems := PlanElements(ElementsInput{
		Planned: elements(withFiles(text("a"), file), withFiles(text("b"), gone), text("c")),
		// Ignored: the import's ids say what LiveDesk holds.
		Sent: []Message{sentAs(text("other"), 1, "")},
		Held: []int64{7, 8},
	})
	if len(problems) > 0 {
		t.Fatalf("problems %+v", problems)
	}
	if !plan.Known || !plan.Adopted || plan.Kept != 2 || plan.Outcome() != Append {
		t.Fatalf("plan %+v: want the first 2 adopted and the third appended", plan.TranscriptPlan)
	}
	want := []struct {
		id     Value[int64]
		hashes Value[string]
	}{
		{Known(int64(7)), Known(hash)},
		// An adopted file that cannot be read: nothing is sent for it, and
		// its bytes are taken as configured.
		{Known(int64(8)), Null[string]()},
		{Unknown[int64](), Null[string]()},
	}
	for i, w := range want {
		if got := plan.Messages[i]; !got.ID.Equal(w.id) || !got.Hashes.Equal(w.hashes) {
			t.Errorf("messages[%d]: id %v hashes %v, want %v %v", i, got.ID, got.Hashes, w.id, w.hashes)
		}
	}
	if got := plan.Messages[0].Content.Get(); got != "a" {
		t.Errorf("messages[0] content %q, want the configured one", got)
	}
}

func TestPlanElementsAdoptedFilesUnknown(t *testing.T) {
	t.Parallel()
	planned := elements(text("a"), text("b"))
	planned[1].FilesUnknown = true
	plan, problems := PlanElements(ElementsInput{Planned: planned, Held: []int64{7, 8}})
	if len(problems) != 1 || problems[0].Element != 1 || problems[0].Summary != "Files of an adopted message must be known at plan time" ||
		!strings.Contains(problems[0].Detail, "messages[1] adopts message 8") {
		t.Fatalf("problems %+v: want one about messages[1]'s files", problems)
	}
	if !plan.Messages[1].Hashes.IsUnknown() {
		t.Errorf("hashes %v, want unknown", plan.Messages[1].Hashes)
	}
}

func TestPlanElementsHeldMoreThanConfigured(t *testing.T) {
	t.Parallel()
	plan, problems := PlanElements(ElementsInput{Planned: elements(text("a")), Held: []int64{7, 8}, ConversationID: "42",
		Target: EntriesImport{InboxID: 3, Key: "k"}})
	if plan.Known || plan.Messages != nil {
		t.Errorf("plan %+v: want none", plan)
	}
	if len(problems) != 1 || problems[0].Element != -1 || problems[0].Summary != "More message ids imported than messages configured" {
		t.Fatalf("problems %+v: want one about the whole list", problems)
	}
	for _, want := range []string{"imported with 2 message ids", "messages has 1", "as the first 2 elements", "3:k=42/<message id>,<message id>,…"} {
		if !strings.Contains(problems[0].Detail, want) {
			t.Errorf("detail %q does not say %q", problems[0].Detail, want)
		}
	}
}

func TestPlanElementsUnknownFiles(t *testing.T) {
	t.Parallel()
	file, hash := fileOf(t, "sent")
	sent := []Message{sentAs(withFiles(text("a"), file), 100, hash)}
	planned := elements(withFiles(text("a")), withFiles(text("b")))
	planned[0].FilesUnknown, planned[1].FilesUnknown = true, true
	plan, problems := PlanElements(ElementsInput{Planned: planned, Sent: sent})
	if len(problems) > 0 {
		t.Fatalf("problems %+v", problems)
	}
	for i, m := range plan.Messages {
		if !m.Hashes.IsUnknown() {
			t.Errorf("messages[%d] hashes %v, want unknown", i, m.Hashes)
		}
	}
	if plan.Outcome() != Undecided || plan.Kept != 1 || !plan.Messages[0].ID.Equal(Known(int64(100))) || !plan.Messages[1].ID.IsUnknown() {
		t.Errorf("plan %+v, ids %v %v: want undecided, the sent element kept with its id", plan.TranscriptPlan, plan.Messages[0].ID, plan.Messages[1].ID)
	}
}

func TestPlanElementsRehashesSentElements(t *testing.T) {
	t.Parallel()
	file, hash := fileOf(t, "sent")
	gone := filepath.Join(t.TempDir(), "gone.txt")
	sent := []Message{sentAs(withFiles(text("a"), gone, file), 100, "feed,"+hash)}

	// Deleted since the send, at the path it was sent from: the sent hash.
	plan, problems := PlanElements(ElementsInput{Planned: elements(withFiles(text("a"), gone, file)), Sent: sent})
	if len(problems) > 0 || plan.Outcome() != Nothing || !plan.Messages[0].Hashes.Equal(Known("feed,"+hash)) || !plan.Messages[0].ID.Equal(Known(int64(100))) {
		t.Fatalf("plan %+v, %v, %+v: want nothing to do, the sent hashes and id", plan.TranscriptPlan, plan.Messages[0], problems)
	}

	// New bytes at the same path: a new conversation.
	if err := os.WriteFile(file, []byte("edited"), 0o600); err != nil {
		t.Fatal(err)
	}
	plan, _ = PlanElements(ElementsInput{Planned: elements(withFiles(text("a"), gone, file)), Sent: sent})
	if plan.Outcome() != Replace || plan.Change != `messages[0] ("a") was sent and its files' bytes changed` || !plan.Messages[0].ID.IsUnknown() {
		t.Errorf("plan %+v: want a replacement for the files' bytes", plan.TranscriptPlan)
	}

	// A changed path must name a readable file.
	moved := filepath.Join(t.TempDir(), "moved.txt")
	_, problems = PlanElements(ElementsInput{Planned: elements(withFiles(text("a"), moved, file)), Sent: sent})
	if len(problems) != 1 || problems[0].Element != 0 || problems[0].Summary != UnreadableFile || !strings.Contains(problems[0].Detail, "moved.txt") {
		t.Errorf("problems %+v: want messages[0]'s file unreadable", problems)
	}
}

func TestPlanElementsKeepsAdoptedUnreadableBytes(t *testing.T) {
	t.Parallel()
	// Adopted by an earlier import when its file could not be read: null
	// hashes. Whatever the file holds now, the bytes are as configured.
	file, _ := fileOf(t, "now readable")
	sent := []Message{withFiles(text("a"), file)}
	sent[0].ID, sent[0].Hashes = Known(int64(100)), Null[string]()
	plan, problems := PlanElements(ElementsInput{Planned: elements(withFiles(text("a"), file)), Sent: sent})
	if len(problems) > 0 || plan.Outcome() != Nothing || !plan.Messages[0].Hashes.IsNull() || plan.Adopted {
		t.Errorf("plan %+v, hashes %v, %+v: want nothing to do, the hashes kept null", plan.TranscriptPlan, plan.Messages[0].Hashes, problems)
	}
}

func TestPlanElementsHashesNewElements(t *testing.T) {
	t.Parallel()
	file, hash := fileOf(t, "new")
	sent := []Message{sentAs(text("a"), 100, "")}
	plan, problems := PlanElements(ElementsInput{Planned: elements(text("a"), withFiles(text("b"), file), withFiles(text("c"), []string{}...), text("d")), Sent: sent})
	if len(problems) > 0 || plan.Outcome() != Append || plan.Kept != 1 {
		t.Fatalf("plan %+v, %+v: want three appended", plan.TranscriptPlan, problems)
	}
	for i, want := range []Value[string]{Null[string](), Known(hash), Known(""), Null[string]()} {
		if got := plan.Messages[i].Hashes; !got.Equal(want) {
			t.Errorf("messages[%d] hashes %v, want %v", i, got, want)
		}
	}
	for i, m := range plan.Messages[1:] {
		if !m.ID.IsUnknown() {
			t.Errorf("messages[%d] id %v, want unknown", i+1, m.ID)
		}
	}

	// A new element's files must all be readable.
	missing := filepath.Join(t.TempDir(), "missing.txt")
	_, problems = PlanElements(ElementsInput{Planned: elements(text("a"), withFiles(text("b"), missing)), Sent: sent})
	if len(problems) != 1 || problems[0].Element != 1 || problems[0].Summary != UnreadableFile || !strings.Contains(problems[0].Detail, "no file at") {
		t.Errorf("problems %+v: want messages[1]'s file missing", problems)
	}
}

// TestPlannedHashesForASentMessage hashes a sent message's files again:
// a file deleted at its sent path keeps its sent hash, and unknown or
// null sent hashes give none to keep.
func TestPlannedHashesForASentMessage(t *testing.T) {
	t.Parallel()
	gone := filepath.Join(t.TempDir(), "gone.txt")
	planned := Element{Message: withFiles(text("a"), gone)}
	for name, tc := range map[string]struct {
		sent   Value[string]
		want   Value[string]
		failed bool
	}{
		"sent hash kept":  {sent: Known("feed"), want: Known("feed")},
		"hashes unknown":  {sent: Unknown[string](), want: Unknown[string](), failed: true},
		"hashes not sent": {sent: Null[string](), want: Unknown[string](), failed: true},
	} {
		t.Run(name, func(t *testing.T) {
			sent := withFiles(text("a"), gone)
			sent.Hashes = tc.sent
			got, err := planned.PlannedHashes(&sent)
			if !got.Equal(tc.want) || (err != nil) != tc.failed {
				t.Errorf("hashes %v, err %v; want %v, failed %v", got, err, tc.want, tc.failed)
			}
			if err != nil && !strings.Contains(err.Error(), "no file at") {
				t.Errorf("err %v does not name the missing file", err)
			}
		})
	}
}

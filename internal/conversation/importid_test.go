package conversation

import (
	"fmt"
	"testing"
)

func TestParseImportID(t *testing.T) {
	t.Parallel()
	got, err := ParseImportID("407/3031,3032")
	if err != nil || got.ID != 407 || fmt.Sprint(got.Held) != "[3031 3032]" {
		t.Fatalf("got %+v, %v", got, err)
	}
	if got, err := ParseImportID("407"); err != nil || got.ID != 407 || got.Held != nil {
		t.Fatalf("got %+v, %v", got, err)
	}
	for _, bad := range []string{"", "x", "407/", "407/x", "-1", "407/3031,,3032", " 407"} {
		if _, err := ParseImportID(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestParseEntriesImportID(t *testing.T) {
	t.Parallel()
	inbox, entries, err := ParseEntriesImportID("1:alice=407/3031,3032;bob=408")
	if err != nil || inbox != 1 || len(entries) != 2 || entries["alice"].ID != 407 || fmt.Sprint(entries["alice"].Held) != "[3031 3032]" ||
		entries["bob"].ID != 408 || entries["bob"].Held != nil {
		t.Fatalf("got %d %+v %v", inbox, entries, err)
	}
	for _, bad := range []string{"407", "1:", "1:alice", "1:=407", "1:a=407;a=408", "x:a=1", "1:a=407/x", "1:a=407;b=407/1"} {
		if _, _, err := ParseEntriesImportID(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

// TestImportCommandRoundTrips writes import ids that the grammar reads
// back as what they name.
func TestImportCommandRoundTrips(t *testing.T) {
	t.Parallel()
	single := SingleImport{}.ImportID("407", JoinIDs([]int64{3031, 3032}))
	if got, err := ParseImportID(single); err != nil || got.ID != 407 || fmt.Sprint(got.Held) != "[3031 3032]" {
		t.Errorf("%q reads back as %+v, %v", single, got, err)
	}
	entries := EntriesImport{InboxID: 5, Key: "b", Others: map[string]Imported{"a": {ID: 1, Held: []int64{10}}, "c": {ID: 3}}}.ImportID("2", "20,21")
	if entries != "5:a=1/10;b=2/20,21;c=3" {
		t.Errorf("entries import id %q", entries)
	}
	inbox, read, err := ParseEntriesImportID(entries)
	if err != nil || inbox != 5 || read["b"].ID != 2 || fmt.Sprint(read["b"].Held) != "[20 21]" || read["c"].ID != 3 {
		t.Errorf("%q reads back as %d %+v, %v", entries, inbox, read, err)
	}
	if got := ImportCommand(SingleImport{}, "407", []int64{1}, "<its message id>"); got != "terraform state rm <address>, then terraform import <address> 407/1,<its message id>" {
		t.Errorf("command %q", got)
	}
}

func TestParseMessageImportID(t *testing.T) {
	t.Parallel()
	conv, msg, err := ParseMessageImportID(MessageImportID("407", "3031"))
	if err != nil || conv != 407 || msg != 3031 {
		t.Fatalf("got %d %d %v", conv, msg, err)
	}
	for _, bad := range []string{"407", "407/", "/3031", "a/1", "1/b", "1/2/3"} {
		if _, _, err := ParseMessageImportID(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestEntriesImportIDNamesInlineContacts(t *testing.T) {
	t.Parallel()
	written := EntriesImport{InboxID: 5, Key: "b", Contact: 70, Others: map[string]Imported{"a": {ID: 1, Held: []int64{10}, Contact: 71}, "c": {ID: 3}}}.ImportID("2", "20")
	if written != "5:a=1/10@71;b=2/20@70;c=3" {
		t.Fatalf("entries import id %q", written)
	}
	_, read, err := ParseEntriesImportID(written)
	if err != nil || read["a"].Contact != 71 || read["b"].Contact != 70 || fmt.Sprint(read["b"].Held) != "[20]" || read["c"].Contact != 0 {
		t.Fatalf("%q reads back as %+v, %v", written, read, err)
	}
	if _, read, err := ParseEntriesImportID("1:a=407@9"); err != nil || read["a"].ID != 407 || read["a"].Contact != 9 {
		t.Errorf("a conversation without messages and with a contact reads as %+v, %v", read, err)
	}
	for _, bad := range []string{"1:a=407@", "1:a=407@x", "1:a=407@9;b=408@9", "1:a=@9", "1:a=407/1@9@9"} {
		if _, _, err := ParseEntriesImportID(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

// TestImportCommandWhileCreating gives a resource not yet in the state the
// import alone, and one in the state its removal first.
func TestImportCommandWhileCreating(t *testing.T) {
	t.Parallel()
	if got := ImportCommand(SingleImport{Creating: true}, "<conversation id>", nil, ""); got != "terraform import <address> <conversation id>" {
		t.Errorf("while creating: %q", got)
	}
	if got := ImportCommand(SingleImport{}, "7", nil, ""); got != "terraform state rm <address>, then terraform import <address> 7" {
		t.Errorf("in the state: %q", got)
	}
}

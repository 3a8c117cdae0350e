package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// element is a transcript element as configured, before anything is sent.
func element(content string) transcriptMessage {
	return transcriptMessage{
		Content: types.StringValue(content), MessageType: types.StringValue("outgoing"), Private: types.BoolValue(false),
		Files: types.ListNull(types.StringType), ReplyTo: types.Int64Null(), InReplyTo: nullID(),
		FilesSHA256: types.ListNull(types.StringType),
	}
}

func TestValidateTranscriptRefusesWhatCannotBeSentAsWritten(t *testing.T) {
	t.Parallel()
	replyTo := func(m transcriptMessage, i int64) transcriptMessage { m.ReplyTo = types.Int64Value(i); return m }
	incomingNote := element("note")
	incomingNote.MessageType, incomingNote.Private = types.StringValue("incoming"), types.BoolValue(true)
	empty := element("")
	empty.Content = types.StringNull()
	both := replyTo(element("b"), 0)
	both.InReplyTo = newID(9)
	for name, tc := range map[string]struct {
		messages []transcriptMessage
		want     string
	}{
		"fine":                  {[]transcriptMessage{element("a"), replyTo(element("b"), 0)}, ""},
		"no content nor files":  {[]transcriptMessage{empty}, "needs content or files"},
		"incoming private note": {[]transcriptMessage{incomingNote}, "incoming message cannot be private"},
		"reply to itself":       {[]transcriptMessage{element("a"), replyTo(element("b"), 1)}, "messages[1] has reply_to = 1"},
		"reply to a later one":  {[]transcriptMessage{replyTo(element("a"), 1), element("b")}, "messages[0] has reply_to = 1"},
		"both kinds of reply":   {[]transcriptMessage{element("a"), both}, "exclude each other"},
	} {
		diags := validateTranscript(path.Root("messages"), tc.messages)
		var got string
		for _, d := range diags.Errors() {
			got += d.Summary() + ": " + d.Detail() + "\n"
		}
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("%s: errors %q, want %q", name, got, tc.want)
		}
	}
}

func TestTranscriptChangeAllowsOnlyAppending(t *testing.T) {
	t.Parallel()
	sent := []transcriptMessage{element("one"), element("two"), element("three")}
	sent[1].Files = types.ListValueMust(types.StringType, []attr.Value{types.StringValue("a.txt")})
	sent[1].FilesSHA256 = types.ListValueMust(types.StringType, []attr.Value{types.StringValue("aaaa")})
	// with changes a copy of the sent transcript.
	with := func(change func(m []transcriptMessage) []transcriptMessage) []transcriptMessage {
		return change(append([]transcriptMessage(nil), sent...))
	}
	for name, tc := range map[string]struct {
		planned []transcriptMessage
		want    string
	}{
		"same":     {with(func(m []transcriptMessage) []transcriptMessage { return m }), ""},
		"appended": {with(func(m []transcriptMessage) []transcriptMessage { return append(m, element("four")) }), ""},
		"edited content": {with(func(m []transcriptMessage) []transcriptMessage { m[2].Content = types.StringValue("3"); return m }),
			`messages[2] ("three") was sent and its content changed`},
		"made private": {with(func(m []transcriptMessage) []transcriptMessage { m[0].Private = types.BoolValue(true); return m }),
			`messages[0] ("one") was sent and its private changed`},
		"made incoming": {with(func(m []transcriptMessage) []transcriptMessage {
			m[0].MessageType = types.StringValue("incoming")
			return m
		}),
			`messages[0] ("one") was sent and its message_type changed`},
		"reply_to added": {with(func(m []transcriptMessage) []transcriptMessage { m[2].ReplyTo = types.Int64Value(0); return m }),
			`messages[2] ("three") was sent and its reply_to changed`},
		"in_reply_to added": {with(func(m []transcriptMessage) []transcriptMessage { m[2].InReplyTo = newID(9); return m }),
			`messages[2] ("three") was sent and its in_reply_to changed`},
		"new file bytes": {with(func(m []transcriptMessage) []transcriptMessage {
			m[1].FilesSHA256 = types.ListValueMust(types.StringType, []attr.Value{types.StringValue("bbbb")})
			return m
		}), `messages[1] ("two") was sent and its files' bytes changed`},
		"removed the end": {with(func(m []transcriptMessage) []transcriptMessage { return m[:2] }),
			`messages[2] ("three") was sent and is no longer in the configuration`},
		"removed the middle": {with(func(m []transcriptMessage) []transcriptMessage { return append(m[:1:1], m[2]) }),
			`messages[1] ("two") was sent and is no longer in the configuration`},
		"removed the middle, appended": {with(func(m []transcriptMessage) []transcriptMessage { return append(m[:1:1], m[2], element("four")) }),
			`messages[1] ("two") was sent and is no longer in the configuration`},
		"inserted before": {with(func(m []transcriptMessage) []transcriptMessage {
			return append([]transcriptMessage{element("zero")}, m...)
		}),
			`messages[0] ("zero") is inserted before messages[0] ("one"), which was sent`},
		"last replaced by another": {with(func(m []transcriptMessage) []transcriptMessage { m[2] = element("other"); return m }),
			`messages[2] ("three") was sent and its content changed`},
		// Values known only at apply are no change at plan time: the apply
		// compares again once they are known.
		"content unknown":     {with(func(m []transcriptMessage) []transcriptMessage { m[0].Content = types.StringUnknown(); return m }), ""},
		"type unknown":        {with(func(m []transcriptMessage) []transcriptMessage { m[0].MessageType = types.StringUnknown(); return m }), ""},
		"reply unknown":       {with(func(m []transcriptMessage) []transcriptMessage { m[2].ReplyTo = types.Int64Unknown(); return m }), ""},
		"in_reply_to unknown": {with(func(m []transcriptMessage) []transcriptMessage { m[2].InReplyTo = unknownID(); return m }), ""},
		"files unknown": {with(func(m []transcriptMessage) []transcriptMessage {
			m[1].FilesSHA256 = types.ListUnknown(types.StringType)
			return m
		}), ""},
		"one unknown, another changed": {with(func(m []transcriptMessage) []transcriptMessage {
			m[0].Content = types.StringUnknown()
			m[1].Private = types.BoolValue(true)
			return m
		}), `messages[1] ("two") was sent and its private changed`},
	} {
		if got := transcriptChange(tc.planned, sent); got != tc.want {
			t.Errorf("%s: %q, want %q", name, got, tc.want)
		}
	}
}

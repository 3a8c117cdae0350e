package provider

import (
	"strings"
	"testing"

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

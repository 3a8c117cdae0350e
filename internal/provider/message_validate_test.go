package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestValidateMessageCountsAnEmptyFileListAsNoFiles(t *testing.T) {
	t.Parallel()
	noFiles := types.ListValueMust(types.StringType, nil)
	outgoing, public := types.StringValue("outgoing"), types.BoolValue(false)
	for name, tc := range map[string]struct {
		content types.String
		files   types.List
		refused bool
	}{
		"files = [] and no content":      {types.StringNull(), noFiles, true},
		"no files and no content":        {types.StringNull(), types.ListNull(types.StringType), true},
		"files = [] with content":        {types.StringValue("hi"), noFiles, false},
		"one file and no content":        {types.StringNull(), stringList("a.png"), false},
		"files unknown and no content":   {types.StringNull(), types.ListUnknown(types.StringType), false},
		"content unknown and files = []": {types.StringUnknown(), noFiles, false},
	} {
		diags := validateMessage(path.Root("messages").AtListIndex(2), tc.content, tc.files, outgoing, public)
		if diags.HasError() != tc.refused {
			t.Errorf("%s: diags = %v, want refused = %v", name, diags, tc.refused)
		}
	}
}

func TestBlankTextIncludesInvisibleCharacters(t *testing.T) {
	t.Parallel()
	for _, text := range []string{"", " \t\n", "\u00a0", "\u200b", "\u200d", "\ufeff", "\u3000", "\u2060", "\u200e\u200f", "\u3164", "\ufe0f", " \u00a0\u200b ",
		"\u2800", "\u2800\u2800 \u2800", "\u115f\u1160", "\uffa0", "\x00\x07\x1b", "\u0085\u2028\u2029", "\u180e", "\U000e0020"} {
		if !isBlank(text) {
			t.Errorf("isBlank(%q) = false", text)
		}
	}
	for _, text := range []string{"a", "\u00a0a", "\u200bx\u200b", "👍", "\u200d👍", "。", "\u2800a", "\u2801", "\x1b[1mbold"} {
		if isBlank(text) {
			t.Errorf("isBlank(%q) = true", text)
		}
	}
}

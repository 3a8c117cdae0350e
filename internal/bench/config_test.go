package bench

import (
	"strings"
	"testing"
)

func TestProviderConfigurationHasTheSizeAndItsDependencies(t *testing.T) {
	t.Parallel()
	got := configuration(Size{Conversations: 20, MessagesPer: 4}, providerFlavor(1, 7))
	for _, want := range []string{
		`source = "livedesk-community/livedesk"`,
		"resource \"livedesk_conversation\" \"c\" {\n  count = 20\n  inbox_id   = \"1\"\n  contact_id = \"7\"\n}",
		"resource \"livedesk_message\" \"m\" {\n  count = 80\n  conversation_id = livedesk_conversation.c[floor(count.index / 4)].id\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("configuration lacks %q:\n%s", want, got)
		}
	}
}

func TestTerraformDataConfigurationHasTheSameShapeWithoutProvider(t *testing.T) {
	t.Parallel()
	got := configuration(Size{Conversations: 3, MessagesPer: 2}, terraformDataFlavor)
	want := `resource "terraform_data" "c" {
  count = 3
  input = "conversation ${count.index}"
}

resource "terraform_data" "m" {
  count = 6
  input = "${terraform_data.c[floor(count.index / 2)].id}/message ${count.index}"
}
`
	if got != want {
		t.Errorf("configuration =\n%s\nwant\n%s", got, want)
	}
}

func TestConfigurationWithoutMessagesHasNoMessageResource(t *testing.T) {
	t.Parallel()
	if got := configuration(Size{Conversations: 2}, terraformDataFlavor); strings.Contains(got, `"m"`) {
		t.Errorf("configuration has messages:\n%s", got)
	}
}

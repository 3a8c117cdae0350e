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

func TestTranscriptConfigurationWritesEveryConversationsMessagesInOrder(t *testing.T) {
	t.Parallel()
	got := transcriptConfiguration(Size{Conversations: 20, MessagesPer: 3}, providerFlavor(1, 7))
	want := `resource "livedesk_conversation" "c" {
  count = 20
  inbox_id   = "1"
  contact_id = "7"
  messages = [
    { content = "Benchmark message ${count.index * 3 + 0}" },
    { content = "Benchmark message ${count.index * 3 + 1}" },
    { content = "Benchmark message ${count.index * 3 + 2}" },
  ]
}
`
	if !strings.HasPrefix(got, providerFlavor(1, 7).header+"\n") || !strings.HasSuffix(got, want) {
		t.Errorf("configuration =\n%s\nwant the provider header and\n%s", got, want)
	}
	if strings.Contains(got, "livedesk_message") {
		t.Errorf("transcripts have message resources:\n%s", got)
	}
}

func TestTranscriptConfigurationWithoutMessagesHasNoMessagesAttribute(t *testing.T) {
	t.Parallel()
	if got := transcriptConfiguration(Size{Conversations: 2}, providerFlavor(1, 7)); strings.Contains(got, "messages") {
		t.Errorf("configuration has messages:\n%s", got)
	}
}

func TestTranscriptsTerraformFloorHasOneResourcePerConversation(t *testing.T) {
	t.Parallel()
	setup := Transcripts.setup(Size{Conversations: 5, MessagesPer: 4}, 1, 7, 10)
	want := `resource "terraform_data" "c" {
  count = 5
  input = "conversation ${count.index}"
}
`
	if setup.terraformDataConfig != want {
		t.Errorf("terraform_data floor =\n%s\nwant\n%s", setup.terraformDataConfig, want)
	}
	if got := Transcripts.Resources(Size{Conversations: 5, MessagesPer: 4}); got != 5 {
		t.Errorf("transcripts of 5x4 have %d resources, want 5", got)
	}
	if got := SeparateResources.Resources(Size{Conversations: 5, MessagesPer: 4}); got != 25 {
		t.Errorf("separate resources of 5x4 are %d, want 25", got)
	}
}

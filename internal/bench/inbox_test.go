package bench

import (
	"strings"
	"testing"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

func TestInboxSetupWritesOneResourceAndUniqueEmails(t *testing.T) {
	size := Size{Conversations: 3, MessagesPer: 2}
	inbox := InboxResource.setup(size, 3, 0, 7)
	for _, want := range []string{`resource "livedesk_conversations" "c"`, "max_parallel  = 7", `inbox_id      = "3"`, "range(3)", "range(2)", "provider-inbox-resource-3x2-${i}@bench.test"} {
		if !strings.Contains(inbox.providerConfig, want) {
			t.Errorf("inbox configuration lacks %q:\n%s", want, inbox.providerConfig)
		}
	}
	if strings.Count(inbox.terraformDataConfig, "resource ") != 1 {
		t.Errorf("the inbox floor is not one terraform_data:\n%s", inbox.terraformDataConfig)
	}
	resources := ContactTranscripts.setup(size, 1, 0, 7)
	for _, want := range []string{`resource "livedesk_contact" "k"`, "contact_id = livedesk_contact.k[count.index].id", "provider-contact-and-transcript-resources-3x2-"} {
		if !strings.Contains(resources.providerConfig, want) {
			t.Errorf("resources configuration lacks %q:\n%s", want, resources.providerConfig)
		}
	}
	if got := InboxResource.Resources(size); got != 1 {
		t.Errorf("inbox resource counts %d resources", got)
	}
	if got := ContactTranscripts.Creates(size); got != 3+3+6 {
		t.Errorf("contact and transcript resources count %d creates, want 12", got)
	}
}

func TestOrderProblemFindsAMessageOutOfOrder(t *testing.T) {
	size := Size{Conversations: 1, MessagesPer: 2}
	st := sandbox.State{
		Conversations: []sandbox.Conversation{{ID: 1}, {ID: 2}},
		Messages: []sandbox.Message{
			{ConversationID: 1, Content: "unrelated"},
			{ConversationID: 2, Content: messagePrefix + "5"},
			{ConversationID: 2, Content: messagePrefix + "6"},
		},
	}
	if problem := orderProblem(st, 1, size); problem != "" {
		t.Errorf("in order, yet: %s", problem)
	}
	st.Messages[1].Content, st.Messages[2].Content = st.Messages[2].Content, st.Messages[1].Content
	if problem := orderProblem(st, 1, size); !strings.Contains(problem, "conversation 2") {
		t.Errorf("out of order, yet %q", problem)
	}
}

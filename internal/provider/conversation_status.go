package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// One rule decides a conversation's status around its messages, for every
// path that sends messages (create, append, an adopting apply, the rest of
// a send that failed part way): LiveDesk reopens a resolved or snoozed
// conversation when an incoming message arrives, and the status is sent
// only when the configuration sets it and LiveDesk, after the messages,
// does not hold it already. Where the status is not sent (not configured,
// or its request failed), the state records what LiveDesk holds, so that
// a reopened conversation shows as "open" and the next plan shows the way
// back instead of hiding it.

// conversationStatus is a status and its snoozed_until, as the state holds
// them.
type conversationStatus struct {
	Status       types.String
	SnoozedUntil types.String
}

// afterMessages is what LiveDesk holds once messages are sent to a
// conversation holding s: an incoming message reopens a resolved or
// snoozed conversation (Chatwoot's message builder), and anything else
// leaves the status as it is. An unknown status stays unknown.
func (s conversationStatus) afterMessages(messages []transcriptMessage) conversationStatus {
	if !anyIncoming(messages) {
		return s
	}
	switch s.Status.ValueString() {
	case livedesk.StatusResolved, livedesk.StatusSnoozed:
		return conversationStatus{Status: types.StringValue(livedesk.StatusOpen), SnoozedUntil: types.StringNull()}
	}
	return s
}

// needsRequest reports whether the configured status must be sent to a
// conversation that holds s: only a configured status, and only when s is
// not already it (snoozed_until included).
func (s conversationStatus) needsRequest(configured conversationStatus) bool {
	if configured.Status.IsNull() || configured.Status.IsUnknown() {
		return false
	}
	return !configured.Status.Equal(s.Status) || !configured.SnoozedUntil.Equal(s.SnoozedUntil)
}

// anyIncoming reports whether any of messages comes from the contact.
func anyIncoming(messages []transcriptMessage) bool {
	for _, m := range messages {
		if m.MessageType.ValueString() == livedesk.MessageIncoming {
			return true
		}
	}
	return false
}

// anyUnknownType reports whether the type of any of messages is not known
// yet, so that whether it reopens the conversation is not known either.
func anyUnknownType(messages []transcriptMessage) bool {
	for _, m := range messages {
		if m.MessageType.IsUnknown() {
			return true
		}
	}
	return false
}

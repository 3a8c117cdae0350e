package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
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

// plannedStatus is the status planned for a conversation updated in place,
// at path at: a configured status LiveDesk's transition rules refuse from
// prior (after the new messages) is an error now; without one, the status
// is what LiveDesk will hold after the new messages (unknown while their
// types are). planned is the status planned so far; id names the
// conversation in the error.
func plannedStatus(at path.Path, id string, prior, configured conversationStatus, planned types.String, transcript transcriptPlan, diags *diag.Diagnostics) types.String {
	if transcript.mayReplace() || anyUnknownType(transcript.Messages[transcript.Sent:]) {
		if configured.Status.IsNull() {
			return types.StringUnknown()
		}
		return planned
	}
	holds := prior.afterMessages(transcript.Messages[transcript.Sent:])
	if configured.Status.IsNull() {
		return holds.Status
	}
	from, to := holds.Status.ValueString(), configured.Status.ValueString()
	if !holds.Status.IsNull() && !holds.Status.IsUnknown() && !configured.Status.IsUnknown() && !livedesk.TransitionAllowed(from, to) {
		diags.AddAttributeError(at, fmt.Sprintf("LiveDesk refuses to change a %s conversation to %s", from, to),
			fmt.Sprintf("Conversation %s is %s and LiveDesk's status rules do not allow %s to %s. Set status = \"open\" and apply, then set status = %q and apply again.",
				id, from, from, to, to))
	}
	return planned
}

// priorStatus is what LiveDesk holds before this apply's messages: what
// the state records, or, for an imported conversation adopting its
// configuration, the configured status, which the import takes as true.
func priorStatus(recorded conversationStatus, adopting bool, configured conversationStatus) conversationStatus {
	if adopting && !configured.Status.IsNull() {
		return configured
	}
	return recorded
}

// setStatus applies a configured status (and snoozed_until) to conversation
// id with the one status request the action shares (see
// setConversationStatus).
func (d *providerData) setStatus(ctx context.Context, id int64, configured conversationStatus) error {
	if err := d.setConversationStatus(ctx, id, configured.Status.ValueString(), snoozedUntil(configured.SnoozedUntil)); err != nil {
		return err
	}
	return nil
}

package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// A conversation's status is changed with one toggle_status request, by
// livedesk_conversation (status, snoozed_until) and by the
// livedesk_set_conversation_status action alike: the same request, the
// same transition rules and the same errors.

// statusChangeError is a status change that failed.
type statusChangeError struct {
	conversationID int64
	status         string
	// detail says what happened and what to do.
	detail string
	// cause is the client's error, or nil when LiveDesk answered but kept
	// another status.
	cause error
}

// Error names the conversation and the status, then the detail.
func (e *statusChangeError) Error() string {
	return fmt.Sprintf("changing conversation %d to %q: %s", e.conversationID, e.status, e.detail)
}

// Unwrap returns the client's error.
func (e *statusChangeError) Unwrap() error { return e.cause }

// refused reports whether LiveDesk refused the status: its transition
// rules (422), or an answer that kept another status.
func (e *statusChangeError) refused() bool {
	return e.cause == nil || isRefusedTransition(e.cause)
}

// setConversationStatus changes the conversation's status (and when it
// reopens, for snoozed) with one toggle_status request, and checks that
// LiveDesk reports the new status.
func (d *providerData) setConversationStatus(ctx context.Context, id int64, status string, until time.Time) *statusChangeError {
	res, err := d.client.Conversations.SetStatus(ctx, id, status, until)
	if err != nil {
		detail := d.explain(err)
		if isRefusedTransition(err) {
			detail += "\n\n" + transitionRule(status)
		}
		return &statusChangeError{conversationID: id, status: status, detail: detail, cause: err}
	}
	if res.CurrentStatus != "" && res.CurrentStatus != status {
		return &statusChangeError{conversationID: id, status: status, detail: fmt.Sprintf("LiveDesk kept it %q", res.CurrentStatus)}
	}
	return nil
}

// transitionRule says, from the documented transition matrix, which
// statuses cannot move to status, and what to do instead.
func transitionRule(status string) string {
	var from []string
	for _, s := range livedesk.ConversationStatuses {
		if !livedesk.TransitionAllowed(s, status) {
			from = append(from, fmt.Sprintf("%q", s))
		}
	}
	if len(from) == 0 {
		return fmt.Sprintf("LiveDesk's documented status rules allow %q from every status, so the conversation may be in a state the API does not show (such as AI-Replying or Closed).", status)
	}
	return fmt.Sprintf("LiveDesk's status rules do not allow a %s conversation to become %q. Set it to \"open\" or \"pending\" first, then to %q.",
		strings.Join(from, " or "), status, status)
}

// snoozedUntil is the time in a validated snoozed_until, or the zero time
// when it is not set.
func snoozedUntil(value types.String) time.Time {
	if value.IsNull() || value.IsUnknown() {
		return time.Time{}
	}
	until, _ := time.Parse(time.RFC3339, value.ValueString())
	return until
}

// validateSnoozedUntil refuses, at plan time, a snoozed_until that goes
// with a status other than snoozed.
func validateSnoozedUntil(status, until types.String) diag.Diagnostics {
	var diags diag.Diagnostics
	if !until.IsNull() && !status.IsUnknown() && status.ValueString() != livedesk.StatusSnoozed {
		diags.AddAttributeError(path.Root("snoozed_until"), "snoozed_until needs status = \"snoozed\"",
			fmt.Sprintf("snoozed_until says when a snoozed conversation reopens, but status is %q. Set status = \"snoozed\", or remove snoozed_until.", status.ValueString()))
	}
	return diags
}

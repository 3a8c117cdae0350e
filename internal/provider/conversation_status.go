package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
)

// The status rule is the engine's (conversation.StatusRule and
// conversation.Settle); these functions carry its values across.

// priorStatus is what LiveDesk holds before this apply's messages: what
// the state records, or, for an imported conversation not yet adopted,
// not known (nothing can be read back).
func priorStatus(status, snoozedUntil types.String, adopting bool) conversation.Status {
	if adopting {
		return conversation.UnknownStatus()
	}
	return engineStatus(status, snoozedUntil)
}

// planStatus plans the status of a conversation updated in place with the
// engine's rule, at path at (the status attribute): it returns the planned
// status, and refuses a transition the documented matrix forbids.
func planStatus(at path.Path, rule conversation.StatusRule, diags *diag.Diagnostics) types.String {
	planned, err := rule.Planned()
	var te *conversation.TransitionError
	if errors.As(err, &te) {
		diags.AddAttributeError(at, te.Summary(), te.Error())
	}
	if warning := rule.UnmanagedSnooze(); warning != "" {
		diags.AddAttributeWarning(at.ParentPath().AtName("snoozed_until"), "The snooze time stays in LiveDesk", warning)
	}
	return stringFrom(planned)
}

// settleStatus applies the configured status to conversation id when the
// engine says it must be sent (see conversation.Settle), and returns the
// status and snoozed_until the state records, or the failed request.
func (d *providerData) settleStatus(ctx context.Context, id int64, holds, configured conversation.Status) (types.String, types.String, error) {
	send, record := conversation.Settle(holds, configured)
	if send {
		if err := d.setConversationStatus(ctx, id, configured.Value.Get(), snoozedUntil(stringFrom(configured.SnoozedUntil))); err != nil {
			status, until := recordedStatus(holds)
			return status, until, err
		}
	}
	status, until := recordedStatus(record)
	return status, until, nil
}

// recordedStatus is a status as the state records it after an apply: what
// is not known is null.
func recordedStatus(s conversation.Status) (types.String, types.String) {
	return settledString(s.Value), settledString(s.SnoozedUntil)
}

// settledString is a string the state records: null when not known.
func settledString(v conversation.Value[string]) types.String {
	if v.IsUnknown() {
		return types.StringNull()
	}
	return stringFrom(v)
}

package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// validateMessage refuses, at plan time, a message LiveDesk would refuse or
// that could not be what the configuration says: one with neither text nor
// files (files = [] is no files), or an incoming private note (a private note is an agent's).
// at is the message's path: the root of a livedesk_message, or an element
// of a conversation's messages. Unknown values are checked once known.
func validateMessage(at path.Path, content types.String, files types.List, messageType types.String, private types.Bool) diag.Diagnostics {
	var diags diag.Diagnostics
	noFiles := files.IsNull() || (!files.IsUnknown() && len(files.Elements()) == 0)
	if content.IsNull() && noFiles {
		diags.AddAttributeError(at, "A message needs content or files",
			"Set content (the text), files (attachments, at least one), or both: LiveDesk refuses an empty message.")
	}
	if messageType.ValueString() == livedesk.MessageIncoming && private.ValueBool() {
		diags.AddAttributeError(at.AtName("private"), "An incoming message cannot be private",
			"A private note is written by an agent and seen by agents only; an incoming message comes from the contact. "+
				"Remove private, or send the note as an outgoing message.")
	}
	return diags
}

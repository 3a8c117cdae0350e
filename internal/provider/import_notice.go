package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// importNotice is the warning of every import of an object LiveDesk cannot
// read back (a conversation, a message, the conversations of
// livedesk_conversations): the import records ids only, and what, kind's
// arguments, comes from the configuration. It is said at the import
// because that is where Terraform 1.5+ generates configuration for an
// import block (plan -generate-config-out): from the imported state, which
// holds nothing else, so every argument is written as null.
func importNotice(kind, what string) diag.Diagnostic {
	return diag.NewWarningDiagnostic(fmt.Sprintf("LiveDesk cannot read a %s back", kind),
		fmt.Sprintf("The import records ids only; %s come from the configuration. "+
			"Configuration generated with -generate-config-out is therefore all null: write those arguments yourself.", what))
}

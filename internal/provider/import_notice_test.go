package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// TestImportOfWhatCannotBeReadBackSaysSo imports, over the plugin protocol,
// each resource LiveDesk cannot read back: the import succeeds with one
// warning that says why configuration generated for it
// (-generate-config-out) is all null and what to write.
func TestImportOfWhatCannotBeReadBackSaysSo(t *testing.T) {
	t.Parallel()
	p := newProtocolProvider(t)
	for _, tc := range []struct {
		typeName, id, arguments string
	}{
		{"livedesk_conversation", "407/3031,3032", "inbox_id, contact_id or source_id, status and messages"},
		{"livedesk_message", "407/3031", "content, files, message_type, private and in_reply_to"},
		{"livedesk_conversations", "1:alice=407/3031;bob=408", "each entry's contact, status and messages"},
	} {
		resp, err := p.server.ImportResourceState(context.Background(), &tfprotov6.ImportResourceStateRequest{TypeName: tc.typeName, ID: tc.id})
		if err != nil {
			t.Fatal(err)
		}
		text := protocolDiagnostics(resp.Diagnostics)
		if len(resp.ImportedResources) != 1 || len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityWarning ||
			!strings.Contains(text, "LiveDesk cannot read a") || !strings.Contains(text, tc.arguments+" come from the configuration") ||
			!strings.Contains(text, "-generate-config-out is therefore all null") {
			t.Errorf("importing %s %q: %d resources, diagnostics:\n%swant one warning naming %s and -generate-config-out",
				tc.typeName, tc.id, len(resp.ImportedResources), text, tc.arguments)
		}
	}
}

package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

func TestFailureReportAdvisesMaxParallelForTooManyRequests(t *testing.T) {
	t.Parallel()
	d := &providerData{}
	tooMany := d.explain(&livedesk.APIError{StatusCode: 429, Method: "POST", Path: "/c", Attempts: 4})
	report := failureReport(map[string]string{"alice": "creating its conversation: " + tooMany}, false)
	if !strings.Contains(report, "max_parallel") || strings.Contains(report, "-parallelism (") {
		t.Errorf("the report does not advise max_parallel alone: %q", report)
	}
	if !strings.Contains(tooMany, "-parallelism") {
		t.Errorf("other resources' advice no longer names -parallelism: %q", tooMany)
	}
}

func TestInlineContactErrorsAdviseContactIDNotImport(t *testing.T) {
	t.Parallel()
	d := &providerData{}
	plan := contactModel{ID: unknownID(), InboxID: newID(1), Email: emailOf("a@example.test"), Identifier: types.StringNull(), PhoneNumber: types.StringNull()}
	taken := &livedesk.APIError{StatusCode: 422, Method: "POST", Path: "/contacts", Message: "Email has already been taken", Create: true}
	text := d.explainInlineContactError(taken, plan)
	if !strings.Contains(text, "set contact_id to the existing contact's id instead of contact") || strings.Contains(text, "terraform import") {
		t.Errorf("an inline contact's error does not advise contact_id alone: %q", text)
	}
	if text := d.explainContactError(taken, plan); !strings.Contains(text, "terraform import <address> email:a@example.test") {
		t.Errorf("livedesk_contact's error no longer advises the import: %q", text)
	}
}

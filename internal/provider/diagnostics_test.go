package provider

import (
	"errors"
	"strings"
	"testing"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

func TestExplainMasksCredentialsTheAPIEchoes(t *testing.T) {
	t.Parallel()
	masked := livedesk.Secrets("key", "s3cr3t")
	d := &providerData{masked: masked}
	echo := &livedesk.APIError{StatusCode: 401, Method: "POST", Path: "/x", Message: "bad header Basic " + masked[0] + " for secret s3cr3t"}
	text := d.explain(errors.Join(echo), "contact", "look")
	for _, secret := range masked {
		if strings.Contains(text, secret) {
			t.Errorf("%q shows %q", text, secret)
		}
	}
	if !strings.Contains(text, "LIVEDESK_API_KEY") {
		t.Errorf("%q lacks the credentials advice", text)
	}
}

package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// mask replaces the credentials in text.
func (d *providerData) mask(text string) string {
	for _, secret := range d.masked {
		if secret != "" {
			text = strings.ReplaceAll(text, secret, "***")
		}
	}
	return text
}

// lowerParallelism is explain's advice for requests refused as too many;
// lowerMaxParallel replaces it where livedesk_conversations, not
// Terraform, decides how many requests are sent at once.
const (
	lowerParallelism = "run Terraform with a lower -parallelism (the default is 10)"
	lowerMaxParallel = "set a lower max_parallel on livedesk_conversations (the default is 8): it, not -parallelism, bounds its requests"
)

// explain turns a client error into the text a user needs: what happened
// and what to do.
func (d *providerData) explain(err error) string {
	text := d.mask(err.Error())
	var te *livedesk.TransportError
	isTransport := errors.As(err, &te)
	if errors.Is(err, context.Canceled) {
		if isTransport && te.Sent {
			return text + "\n\nTerraform was interrupted after this request was sent, so LiveDesk may have applied it. Run terraform plan to see where things stand."
		}
		return text + "\n\nTerraform was interrupted before this request was sent, so nothing was changed in LiveDesk."
	}
	var apiErr *livedesk.APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusTooManyRequests {
		text += fmt.Sprintf("\n\nLiveDesk kept refusing with 429 Too Many Requests after %d attempts. Raise max_retries in the provider block, "+
			"or %s.", apiErr.Attempts, lowerParallelism)
	}
	if livedesk.IsNotFound(err) && d.baseURLPath != "" {
		text += fmt.Sprintf("\n\nbase_url has the path %q; LiveDesk's API paths start at the host (%s/api/v2/...). If every request answers 404, remove the path from base_url.",
			d.baseURLPath, livedesk.DefaultBaseURL)
	}
	switch {
	case livedesk.IsUnauthorized(err):
		text += fmt.Sprintf("\n\nLiveDesk did not accept the credentials. Check %s and %s (or api_key and api_secret in the provider block): they must be the API Key and API Secret of one API data source under Project Settings → API Management.", EnvAPIKey, EnvAPISecret)
	case isTransport && te.Timeout > 0:
		text += fmt.Sprintf("\n\nLiveDesk did not answer within request_timeout (%s). Raise request_timeout in the provider block if the API is slow.", te.Timeout)
	}
	if isTransport && !te.Sent {
		text += "\n\nThe request never reached LiveDesk, even after retries (max_retries). Check base_url (or " + EnvBaseURL + ") and the network."
	}
	return text
}

// createFailure describes what a failed create may have left behind.
type createFailure struct {
	// kind names the object, such as "contact".
	kind string
	// check says how to look for it in the LiveDesk console.
	check string
	// next says what to do if it exists, such as the import command.
	next string
}

// explainCreate is explain for a create, adding, when the object may exist
// all the same, how to find it and what to do then.
func (d *providerData) explainCreate(err error, c createFailure) string {
	text := d.explain(err)
	if livedesk.MayHaveCommitted(err) {
		text += fmt.Sprintf("\n\nThe request reached LiveDesk but its answer was lost, was a server error or could not be read, so the %s may have been created. "+
			"It was not retried, to avoid a duplicate, and it is not in the Terraform state. Before applying again, %s. %s", c.kind, c.check, c.next)
	}
	return text
}

// importNext is createFailure.next for an object that can be imported by
// the given id.
func importNext(kind, id string) string {
	return fmt.Sprintf("If it exists, bring it under Terraform instead of creating another %s: terraform import <address> %s", kind, id)
}

package provider

import (
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// Environment variables that point the acceptance tests at the real API
// instead of the in-process sandbox.
const (
	envAccLive      = "LIVEDESK_ACC_LIVE"       // "1" to use the real API
	envAccInboxID   = "LIVEDESK_ACC_INBOX_ID"   // an API-channel inbox
	envAccContactID = "LIVEDESK_ACC_CONTACT_ID" // a contact in that inbox
	envAccSourceID  = "LIVEDESK_ACC_SOURCE_ID"  // that contact's source id in the inbox
)

// protoV6ProviderFactories serves the provider in the test process.
var protoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"livedesk": NewServer("test"),
}

// accEnv is where an acceptance test sends its requests: a fresh sandbox
// of its own, or the real API when LIVEDESK_ACC_LIVE=1.
type accEnv struct {
	// sandbox is nil against the real API.
	sandbox   *sandbox.Server
	provider  string // the provider block
	baseURL   string // the sandbox's URL; "" against the real API
	inboxID   string
	contactID string
	sourceID  string
}

// newAccEnv starts a sandbox holding one inbox and one contact, or reads
// the real API's fixtures from the environment.
func newAccEnv(t *testing.T, opts ...func(*sandbox.Options)) *accEnv {
	t.Helper()
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skipf("acceptance test; set %s=1 to run it", resource.EnvTfAcc)
	}
	if os.Getenv(envAccLive) == "1" {
		env := &accEnv{provider: `provider "livedesk" {}`}
		for name, dst := range map[string]*string{envAccInboxID: &env.inboxID, envAccContactID: &env.contactID, envAccSourceID: &env.sourceID} {
			if *dst = os.Getenv(name); *dst == "" {
				t.Fatalf("%s=1 needs %s, %s, %s, %s and %s", envAccLive, EnvAPIKey, EnvAPISecret, envAccInboxID, envAccContactID, envAccSourceID)
			}
		}
		return env
	}
	options := sandbox.Options{}
	for _, opt := range opts {
		opt(&options)
	}
	inst, err := sandbox.Start("127.0.0.1:0", options)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = inst.Close() })
	contact, err := inst.Server.AddContact(sandbox.ContactInput{InboxID: 1, Name: "Acceptance Contact"})
	if err != nil {
		t.Fatal(err)
	}
	return &accEnv{
		sandbox: inst.Server,
		provider: fmt.Sprintf(`provider "livedesk" {
  base_url   = %q
  api_key    = %q
  api_secret = %q
}`, inst.URL, sandbox.DefaultAPIKey, sandbox.DefaultAPISecret),
		baseURL:   inst.URL,
		inboxID:   "1",
		contactID: strconv.FormatInt(contact.ID, 10),
		sourceID:  contact.SourceID,
	}
}

// requireSandbox skips a test that inspects what the API received, which
// only the sandbox can tell.
func (e *accEnv) requireSandbox(t *testing.T) *sandbox.Server {
	t.Helper()
	if e.sandbox == nil {
		t.Skip("inspects the sandbox; not available against the real API")
	}
	return e.sandbox
}

// config prefixes a configuration with the provider block.
func (e *accEnv) config(format string, args ...any) string {
	return e.provider + "\n" + fmt.Sprintf(format, args...)
}

// testCase fills in what every acceptance test case shares.
func (e *accEnv) testCase(steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{ProtoV6ProviderFactories: protoV6ProviderFactories, Steps: steps}
}

// emptyPlanAfterApply asserts that a refresh and plan after the step's
// apply find nothing to change.
var emptyPlanAfterApply = resource.ConfigPlanChecks{
	PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
}

// stateID is the id of the resource at addr in the state.
func stateID(s *terraform.State, addr string) string {
	return s.RootModule().Resources[addr].Primary.ID
}

// sandboxRecord finds the sandbox's record with the given id.
func sandboxRecord[T any](records []T, idOf func(T) int64, id string) (T, bool) {
	for _, r := range records {
		if strconv.FormatInt(idOf(r), 10) == id {
			return r, true
		}
	}
	var zero T
	return zero, false
}

// withPlanChecks returns emptyPlanAfterApply plus checks before apply.
func withPlanChecks(preApply ...plancheck.PlanCheck) resource.ConfigPlanChecks {
	checks := emptyPlanAfterApply
	checks.PreApply = preApply
	return checks
}

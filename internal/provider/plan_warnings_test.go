package provider

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// Terraform shows the warnings of a plan, but terraform-plugin-testing
// cannot assert them: planWarnings serves the provider to an acceptance
// test and records them, and expectWarning checks them after a plan.

// planWarnings records the warnings of every plan a test case's provider
// made, as "summary: detail", until taken.
type planWarnings struct {
	mu       sync.Mutex
	warnings []string
}

// testCase is env.testCase with a provider whose plan warnings w records.
func (w *planWarnings) testCase(env *accEnv, steps ...resource.TestStep) resource.TestCase {
	tc := env.testCase(steps...)
	tc.ProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
		"livedesk": func() (tfprotov6.ProviderServer, error) {
			s, err := NewServer("test")()
			if err != nil {
				return nil, err
			}
			full, ok := s.(fullServer)
			if !ok {
				return nil, fmt.Errorf("the provider's server %T lacks actions, list resources or state stores", s)
			}
			return warningServer{fullServer: full, record: w}, nil
		},
	}
	return tc
}

// take returns the warnings recorded since the last take.
func (w *planWarnings) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	taken := w.warnings
	w.warnings = nil
	return taken
}

// warningServer is the provider's server, its plans' warnings recorded.
type warningServer struct {
	fullServer
	record *planWarnings
}

// PlanResourceChange plans and records the warnings.
func (s warningServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := s.fullServer.PlanResourceChange(ctx, req)
	if resp != nil {
		s.record.mu.Lock()
		for _, d := range resp.Diagnostics {
			if d.Severity == tfprotov6.DiagnosticSeverityWarning {
				s.record.warnings = append(s.record.warnings, d.Summary+": "+d.Detail)
			}
		}
		s.record.mu.Unlock()
	}
	return resp, err
}

// expectWarning is a plan check that one warning recorded since the last
// take says every one of want, each after the one before.
func expectWarning(w *planWarnings, want ...string) plancheck.PlanCheck {
	return warningCheck{record: w, want: want}
}

// warningCheck is expectWarning's check.
type warningCheck struct {
	record *planWarnings
	want   []string
}

// CheckPlan looks for the warning.
func (c warningCheck) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	warnings := c.record.take()
	for _, warning := range warnings {
		if saysInOrder(warning, c.want) {
			return
		}
	}
	resp.Error = fmt.Errorf("no warning of the plan says %q; it warned:\n%s", c.want, strings.Join(warnings, "\n"))
}

// saysInOrder reports whether text says each of want, each after the one
// before.
func saysInOrder(text string, want []string) bool {
	for _, w := range want {
		i := strings.Index(text, w)
		if i < 0 {
			return false
		}
		text = text[i+len(w):]
	}
	return true
}

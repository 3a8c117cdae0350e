package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// caseInsensitive keeps the prior value when the configuration differs from
// it only in letter case, for values the API lower-cases (emails).
func caseInsensitive() planmodifier.String { return caseInsensitiveModifier{} }

type caseInsensitiveModifier struct{}

// Description says what the modifier does.
func (caseInsensitiveModifier) Description(context.Context) string {
	return "differences in letter case alone are not changes"
}

// MarkdownDescription says what the modifier does.
func (m caseInsensitiveModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

// PlanModifyString keeps the state value when it equals the plan but for case.
func (caseInsensitiveModifier) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() {
		return
	}
	if strings.EqualFold(req.StateValue.ValueString(), req.PlanValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}

package bench

import (
	"fmt"
	"maps"
	"strings"
	"time"
)

// Endpoints of the creates, as the sandbox counts them.
const (
	createConversation = "POST /api/v2/accounts/conversations"
	createMessage      = "POST /api/v2/accounts/conversations/{id}/messages"
)

// shapeCheck is one claim of the expected shape, whether the run bears it
// out, and the numbers behind it.
type shapeCheck struct {
	claim  string
	ok     bool
	detail string
}

// checkShape checks the run against the performance targets: one request
// per create, none per refresh, one connection pool, and apply time growing
// linearly with the resources.
func checkShape(r *Results) []shapeCheck {
	oneRequest := shapeCheck{claim: "Exactly one API request per create", ok: true}
	noRefresh := shapeCheck{claim: "Zero API requests on refresh", ok: true}
	onePool := shapeCheck{claim: "One connection pool (apply opens at most -parallelism connections)", ok: true}
	var perCreate, perRefresh, perPool []string
	for _, s := range r.Sizes {
		apply := s.Provider.Apply
		want := map[string]int{createConversation: s.Size.Conversations}
		if s.Size.Messages() > 0 {
			want[createMessage] = s.Size.Messages()
		}
		oneRequest.ok = oneRequest.ok && maps.Equal(apply.Requests, want)
		perCreate = append(perCreate, fmt.Sprintf("%s: %d requests for %d creates", s.Size, apply.TotalRequests(), s.Size.Resources()))

		refresh := s.Provider.Refresh.TotalRequests()
		noRefresh.ok = noRefresh.ok && refresh == 0
		perRefresh = append(perRefresh, fmt.Sprintf("%s: %d requests for %d resources", s.Size, refresh, s.Size.Resources()))

		onePool.ok = onePool.ok && apply.Connections <= int64(r.Parallelism)
		perPool = append(perPool, fmt.Sprintf("%s: %d connections for %d requests (API floor: %d)",
			s.Size, apply.Connections, apply.TotalRequests(), s.APIFloor.Connections))
	}
	oneRequest.detail = strings.Join(perCreate, "; ") + "."
	noRefresh.detail = strings.Join(perRefresh, "; ") + "."
	onePool.detail = strings.Join(perPool, "; ") + "."
	checks := []shapeCheck{oneRequest, noRefresh, onePool}
	if linear, ok := checkLinear(r.Sizes); ok {
		checks = append(checks, linear)
	}
	return checks
}

// checkLinear compares how the provider's apply time grew from the
// smallest size to the largest with how the resources and the floors
// grew; false when there is only one size.
func checkLinear(sizes []SizeResult) (shapeCheck, bool) {
	smallest, largest, ok := extremes(sizes)
	if !ok {
		return shapeCheck{}, false
	}
	resources := resourceGrowth(smallest, largest)
	apply := growth(smallest, largest, providerApplyWall)
	return shapeCheck{
		claim: "Apply time grows linearly with the number of resources",
		ok:    apply <= resources*linearTolerance,
		detail: fmt.Sprintf("From %s to %s the resources grow ×%.2f, the provider's apply time ×%.2f and the floors' (a) + (b) ×%.2f.",
			smallest.Size, largest.Size, resources, apply, growth(smallest, largest, floorsWall)),
	}, true
}

// perResource is d divided among the size's resources.
func perResource(d time.Duration, size Size) time.Duration {
	return d / time.Duration(size.Resources())
}

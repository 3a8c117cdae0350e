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
// per create and none per refresh or no-change plan in every layout, one
// connection pool, apply time growing linearly with the resources, and the
// transcripts' and the inbox sizes' own targets.
func checkShape(r *Results) []shapeCheck {
	oneRequest := shapeCheck{claim: "Exactly one API request per create", ok: true}
	noRefresh := shapeCheck{claim: "Zero API requests on refresh and on a no-change plan", ok: true}
	onePool := shapeCheck{claim: "One connection pool (apply opens at most -parallelism connections)", ok: true}
	var perCreate, perRefresh, perPool []string
	for _, run := range r.Runs() {
		apply := run.Provider.Apply
		oneRequest.ok = oneRequest.ok && sendsExactlyTheCreates(apply, run.Size)
		perCreate = append(perCreate, fmt.Sprintf("%s: %d requests for %d creates", run.Name(), apply.TotalRequests(), run.Size.Creates()))

		refresh, plan := run.Provider.Refresh.TotalRequests(), run.Provider.Plan.TotalRequests()
		noRefresh.ok = noRefresh.ok && refresh == 0 && plan == 0
		perRefresh = append(perRefresh, fmt.Sprintf("%s: %d requests on refresh and %d on a no-change plan for %d resources",
			run.Name(), refresh, plan, run.Resources()))

		onePool.ok = onePool.ok && apply.Connections <= int64(r.Parallelism)
		perPool = append(perPool, fmt.Sprintf("%s: %d connections for %d requests (API floor: %d)",
			run.Name(), apply.Connections, apply.TotalRequests(), run.APIFloor.Connections))
	}
	oneRequest.detail = strings.Join(perCreate, "; ") + "."
	noRefresh.detail = strings.Join(perRefresh, "; ") + "."
	onePool.detail = strings.Join(perPool, "; ") + "."
	checks := []shapeCheck{oneRequest, noRefresh, onePool}
	for _, layout := range []Layout{SeparateResources, Transcripts} {
		if linear, ok := checkLinear(layout, r.matrix(layout)); ok {
			checks = append(checks, linear)
		}
	}
	checks = append(checks, checkTranscripts(r)...)
	return append(checks, checkInbox(r)...)
}

// sendsExactlyTheCreates reports whether m's requests are size's creates,
// one conversation create per conversation and one message create per
// message, and nothing else.
func sendsExactlyTheCreates(m Measurement, size Size) bool {
	want := map[string]int{createConversation: size.Conversations}
	if size.Messages() > 0 {
		want[createMessage] = size.Messages()
	}
	return maps.Equal(m.Requests, want)
}

// checkLinear compares how the provider's apply time grew from the
// smallest size to the largest of one layout with how the resources and
// the floors grew; false when there is only one size.
func checkLinear(layout Layout, runs []LayoutResult) (shapeCheck, bool) {
	smallest, largest, ok := extremes(runs)
	if !ok {
		return shapeCheck{}, false
	}
	resources := resourceGrowth(smallest, largest)
	apply := growth(smallest, largest, providerApplyWall)
	return shapeCheck{
		claim: fmt.Sprintf("Apply time grows linearly with the number of resources (%s)", layout),
		ok:    apply <= resources*linearTolerance,
		detail: fmt.Sprintf("From %s to %s the resources grow ×%.2f, the provider's apply time ×%.2f and the floors' (a) + (b) ×%.2f.",
			smallest.Size, largest.Size, resources, apply, growth(smallest, largest, floorsWall)),
	}, true
}

// perResource is d divided among the run's resources.
func perResource(d time.Duration, run LayoutResult) time.Duration {
	return d / time.Duration(run.Resources())
}

package bench

import (
	"slices"
	"time"
)

// linearTolerance is how much faster than the number of resources the
// provider's apply time may grow, between the smallest and the largest
// size, and still be called linear: room for the noise of a shared
// machine.
const linearTolerance = 1.10

// scalingSeries are the times compared across sizes, with how to read each
// from a size: wall times, then the CPU time of the applies, which the load
// of a shared machine disturbs less.
var scalingSeries = []struct {
	name  string
	value func(LayoutResult) time.Duration
}{
	{"provider apply", providerApplyWall},
	{"provider no-change plan", func(r LayoutResult) time.Duration { return r.Provider.Plan.Wall }},
	{"provider refresh-only plan", func(r LayoutResult) time.Duration { return r.Provider.Refresh.Wall }},
	{"provider destroy", func(r LayoutResult) time.Duration { return r.Provider.Destroy.Wall }},
	{"API floor (a)", func(r LayoutResult) time.Duration { return r.APIFloor.Wall }},
	{"terraform_data floor (b) apply", func(r LayoutResult) time.Duration { return r.TerraformFloor.Apply.Wall }},
	{"floors (a) + (b)", floorsWall},
	{"provider apply, CPU", func(r LayoutResult) time.Duration { return r.Provider.Apply.CPU }},
	{"terraform_data floor (b) apply, CPU", func(r LayoutResult) time.Duration { return r.TerraformFloor.Apply.CPU }},
}

// providerApplyWall is the wall time of the provider's apply.
func providerApplyWall(r LayoutResult) time.Duration { return r.Provider.Apply.Wall }

// floorsWall is the sum of the floors the provider's apply is compared with:
// the API floor and the terraform_data apply.
func floorsWall(r LayoutResult) time.Duration { return r.APIFloor.Wall + r.TerraformFloor.Apply.Wall }

// extremes returns the sizes with the fewest and the most resources, and
// false unless they differ.
func extremes(sizes []LayoutResult) (smallest, largest LayoutResult, ok bool) {
	if len(sizes) == 0 {
		return LayoutResult{}, LayoutResult{}, false
	}
	byResources := func(a, b LayoutResult) int { return a.Resources() - b.Resources() }
	smallest, largest = slices.MinFunc(sizes, byResources), slices.MaxFunc(sizes, byResources)
	return smallest, largest, largest.Resources() > smallest.Resources()
}

// growth is how many times more value took at the largest size than at
// the smallest (0 when it took no time at the smallest).
func growth(smallest, largest LayoutResult, value func(LayoutResult) time.Duration) float64 {
	if value(smallest) <= 0 {
		return 0
	}
	return float64(value(largest)) / float64(value(smallest))
}

// resourceGrowth is how many times more resources the largest size has.
func resourceGrowth(smallest, largest LayoutResult) float64 {
	return float64(largest.Resources()) / float64(smallest.Resources())
}

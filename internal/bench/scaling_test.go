package bench

import (
	"testing"
	"time"
)

func TestGrowthBetweenTheSmallestAndTheLargestSize(t *testing.T) {
	t.Parallel()
	// Listed largest first: growth is always from the fewest resources.
	sizes := []LayoutResult{sizeResult(Size{100, 4}, 6*time.Second), sizeResult(Size{20, 4}, 2*time.Second), sizeResult(Size{50, 4}, 4*time.Second)}
	smallest, largest, ok := extremes(sizes)
	if !ok || smallest.Size != (Size{20, 4}) || largest.Size != (Size{100, 4}) {
		t.Fatalf("extremes = %v, %v, %v", smallest.Size, largest.Size, ok)
	}
	if got := resourceGrowth(smallest, largest); got != 5 {
		t.Errorf("resourceGrowth = %v, want 5", got)
	}
	apply := func(r LayoutResult) time.Duration { return r.Provider.Apply.Wall }
	if got := growth(smallest, largest, apply); got != 3 {
		t.Errorf("growth = %v, want 3", got)
	}
	if got := growth(smallest, largest, func(LayoutResult) time.Duration { return 0 }); got != 0 {
		t.Errorf("growth from nothing = %v, want 0", got)
	}
}

func TestTranscriptsGrowWithTheirConversations(t *testing.T) {
	t.Parallel()
	// 1x1000 is one resource: as transcripts it is the smallest.
	sizes := []LayoutResult{
		{Size: Size{20, 4}, Layout: Transcripts},
		{Size: Size{1, 1000}, Layout: Transcripts},
		{Size: Size{100, 4}, Layout: Transcripts},
	}
	smallest, largest, ok := extremes(sizes)
	if !ok || smallest.Size != (Size{1, 1000}) || largest.Size != (Size{100, 4}) || resourceGrowth(smallest, largest) != 100 {
		t.Errorf("extremes = %v, %v, %v", smallest.Size, largest.Size, ok)
	}
}

func TestExtremesNeedTwoDifferentSizes(t *testing.T) {
	t.Parallel()
	for _, sizes := range [][]LayoutResult{nil, {sizeResult(Size{20, 4}, time.Second)}, {sizeResult(Size{20, 4}, time.Second), sizeResult(Size{50, 1}, time.Second)}} {
		if _, _, ok := extremes(sizes); ok {
			t.Errorf("extremes(%d sizes of equal resources) found two sizes", len(sizes))
		}
	}
}

// sizeResult is size as separate resources, whose provider apply took
// apply.
func sizeResult(size Size, apply time.Duration) LayoutResult {
	return LayoutResult{Size: size, Layout: SeparateResources, Provider: Phases{Apply: Measurement{Wall: apply}}}
}

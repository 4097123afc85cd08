package cache

import (
	"slices"
	"testing"
	"time"
)

func TestIdleHistograms(t *testing.T) {
	// jq's gaps: 1s, 5s, 50s, 2h, 3 weeks; yq has one call, so no gaps.
	at := []int{0, 1, 6, 56, 56 + 7200, 56 + 7200 + 21*86400}
	var recs []Record
	for _, s := range at {
		recs = append(recs, call("jq", s, false, 0, 0))
	}
	recs = append(recs, call("yq", 3, false, 0, 0))
	hs := IdleHistograms(recs, Options{Now: t0.Add(30 * 24 * time.Hour)})
	if len(hs) != 2 || hs[0].Command != "jq" || hs[1].Command != "yq" {
		t.Fatalf("histograms = %+v", hs)
	}
	if want := []int{1, 1, 1, 0, 0, 1, 0, 0, 1}; !slices.Equal(hs[0].Counts, want) {
		t.Errorf("jq = %v, want %v", hs[0].Counts, want)
	}
	if want := make([]int, len(IdleBins)+1); !slices.Equal(hs[1].Counts, want) {
		t.Errorf("yq = %v, want no gaps", hs[1].Counts)
	}
}

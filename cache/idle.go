package cache

import "time"

// The adaptive policy's idle-time histogram, after the hybrid histogram of
// "Serverless in the Wild" (Shahrad et al., USENIX ATC'20): one-minute bins
// up to IdleRange; longer idle times are counted apart, out of range. The
// range is two days: a tool used once a day comes back after 24 h give or
// take, so a one-day range would put half of its idle times out of range.
const (
	IdleBin   = time.Minute
	IdleRange = 48 * time.Hour
)

// IdleHist is one command's idle-time histogram: Bins[i] counts the idle
// times in [i, i+1) minutes, Over those of IdleRange or more.
type IdleHist struct {
	Bins []int
	Over int
	N    int
	Span time.Duration // the sum of the idle times: how long the history covers
}

// NewIdleHist counts gs.
func NewIdleHist(gs []time.Duration) *IdleHist {
	h := &IdleHist{Bins: make([]int, IdleRange/IdleBin)}
	for _, g := range gs {
		h.Add(g)
	}
	return h
}

// Add counts one idle time.
func (h *IdleHist) Add(g time.Duration) {
	h.N++
	h.Span += max(g, 0)
	if i := int(g / IdleBin); g >= 0 && i < len(h.Bins) {
		h.Bins[i]++
		return
	}
	h.Over++
}

// Percentile is the upper edge of the bin holding the p-th percentile
// (nearest rank); ok is false when it lies out of range or h is empty.
func (h *IdleHist) Percentile(p int) (time.Duration, bool) {
	if h.N == 0 {
		return 0, false
	}
	want := max((p*h.N+99)/100, 1)
	seen := 0
	for i, c := range h.Bins {
		if seen += c; seen >= want {
			return time.Duration(i+1) * IdleBin, true
		}
	}
	return 0, false
}

// ReuseWithin is the probability that a command idle for t is called again
// by idle time until, from the histogram: the idle times in (t, until]
// over those above t. With no idle time above t it is the prior 1/2; the
// estimate is smoothed, (k+1)/(n+2), so that a short history never says 0
// or 1.
func (h *IdleHist) ReuseWithin(t, until time.Duration) float64 {
	k, n := 0, h.Over
	for i, c := range h.Bins {
		lo := time.Duration(i) * IdleBin
		if lo < t {
			continue
		}
		n += c
		if lo < until {
			k += c
		}
	}
	return float64(k+1) / float64(n+2)
}

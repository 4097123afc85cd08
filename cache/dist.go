package cache

import (
	"slices"
	"time"
)

// Dist summarises a set of durations.
type Dist struct {
	N    int     `json:"n"`
	Mean Seconds `json:"mean"`
	P50  Seconds `json:"p50"`
	P90  Seconds `json:"p90"`
}

// distOf summarises ds; nil when ds is empty. Percentiles are nearest-rank:
// the smallest value with at least p% of the values at or below it.
func distOf(ds []time.Duration) *Dist {
	if len(ds) == 0 {
		return nil
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return &Dist{N: len(s), Mean: Seconds(mean(s)), P50: Seconds(rank(s, 50)), P90: Seconds(rank(s, 90))}
}

// rank is the nearest-rank p-th percentile of sorted s (not empty).
func rank(s []time.Duration, p int) time.Duration {
	i := (p*len(s)+99)/100 - 1 // ceil(p/100 * n), 1-based, to 0-based
	return s[max(i, 0)]
}

// mean is the mean of ds, 0 when empty.
func mean(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	return sum / time.Duration(len(ds))
}

// meanOf is mean(ds) as an optional field: nil when ds is empty.
func meanOf(ds []time.Duration) *Seconds {
	if len(ds) == 0 {
		return nil
	}
	return ptr(Seconds(mean(ds)))
}

// gaps are the times between consecutive calls, recs sorted by time.
func gaps(recs []Record) []time.Duration {
	var g []time.Duration
	for i := 1; i < len(recs); i++ {
		g = append(g, recs[i].Time.Sub(recs[i-1].Time))
	}
	return g
}

package cache

import (
	"slices"
	"time"
)

// Cost is the talk's comparison over the observed period (docs/stats.md):
// an installed tool holds its disk all the time and pays no setup; a
// serverless one holds its image only while cached, and pays setup on
// every call.
type Cost struct {
	Period         Seconds `json:"period_s"`         // the observed period
	Held           Seconds `json:"held_s"`           // how long the image was cached in it
	InstalledGiBh  float64 `json:"installed_gib_h"`  // size × period
	ServerlessGiBh float64 `json:"serverless_gib_h"` // size × held
	SetupPaid      Seconds `json:"setup_paid_s"`     // the setup time of every call
}

// Total adds up every command.
type Total struct {
	Calls  int `json:"calls"`
	Cold   int `json:"cold"`
	Warm   int `json:"warm"`
	Ready  int `json:"ready"`
	Failed int `json:"failed"`
	// Cost sums the commands that have one (Held is summed too); Unsized
	// counts those left out because their image size is unknown.
	Cost    Cost `json:"cost"`
	Unsized int  `json:"unsized"`
}

// costOf is the comparison for one command's time-sorted calls, whose
// image of size bytes is on disk now; evs are the gc's removals and pulls
// of its images, in any order.
func costOf(recs []Record, evs []GCEvent, size int64, from, to time.Time) *Cost {
	c := &Cost{Period: Seconds(to.Sub(from)), Held: Seconds(held(recs, evs, from, to))}
	c.InstalledGiBh, c.ServerlessGiBh = gibHours(size, c.Period.D()), gibHours(size, c.Held.D())
	for _, r := range recs {
		c.SetupPaid += Seconds(r.Setup())
	}
	return c
}

// held is how long the image was on disk in [from, to]. A pull (a cold
// call, or the gc's pull ahead) starts a stretch; the gc's removal ends
// it. An image removed otherwise (by hand) was removed at some unknown
// time after the last call before the next pull, so that stretch ends at
// that call (a lower bound). A first call that did not pull finds the
// image already there: its stretch starts at from, as does one the gc
// removes before any call. A warm call while the image was thought removed
// means something else pulled it (prefetch, upgrade): a stretch starts
// there. The image is on disk now, so the last stretch runs to the end.
func held(recs []Record, evs []GCEvent, from, to time.Time) time.Duration {
	type point struct {
		at     time.Time
		pull   bool // a cold call or a pull ahead
		remove bool
	}
	var pts []point
	for _, r := range recs {
		pts = append(pts, point{at: r.Time, pull: r.Cold && !r.Failed})
	}
	for _, e := range evs {
		if !e.Time.Before(from) && !e.Time.After(to) {
			pts = append(pts, point{at: e.Time, pull: e.Action == GCPulled, remove: e.Action == GCRemoved})
		}
	}
	slices.SortStableFunc(pts, func(a, b point) int { return a.at.Compare(b.at) })
	var sum time.Duration
	on, begin, last := true, from, from // before any point: there since from, unless a pull says otherwise
	for i, p := range pts {
		switch {
		case p.remove && on:
			sum += p.at.Sub(begin)
			on = false
		case p.remove: // already off
		case p.pull && on && i > 0:
			sum += last.Sub(begin) // removed unseen after last
			begin = p.at
		case p.pull || !on:
			on, begin = true, p.at
		}
		if !p.remove {
			last = p.at
		}
	}
	if on {
		sum += to.Sub(begin)
	}
	return sum
}

func gibHours(size int64, d time.Duration) float64 {
	return float64(size) / (1 << 30) * d.Hours()
}

// total adds up every command's counts and costs.
func total(cmds []CommandStats) Total {
	var t Total
	for _, c := range cmds {
		t.Calls, t.Cold, t.Warm, t.Ready, t.Failed = t.Calls+c.Calls, t.Cold+c.Cold, t.Warm+c.Warm, t.Ready+c.Ready, t.Failed+c.Failed
		if c.Cost == nil {
			t.Unsized++
			continue
		}
		t.Cost.Held += c.Cost.Held
		t.Cost.InstalledGiBh += c.Cost.InstalledGiBh
		t.Cost.ServerlessGiBh += c.Cost.ServerlessGiBh
		t.Cost.SetupPaid += c.Cost.SetupPaid
	}
	return t
}

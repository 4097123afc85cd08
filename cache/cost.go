package cache

import "time"

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
	Failed int `json:"failed"`
	// Cost sums the commands that have one (Held is summed too); Unsized
	// counts those left out because their image size is unknown.
	Cost    Cost `json:"cost"`
	Unsized int  `json:"unsized"`
}

// costOf is the comparison for one command's time-sorted calls, whose
// image of size bytes is on disk now.
func costOf(recs []Record, size int64, from, to time.Time) *Cost {
	c := &Cost{Period: Seconds(to.Sub(from)), Held: Seconds(held(recs, from, to))}
	c.InstalledGiBh, c.ServerlessGiBh = gibHours(size, c.Period.D()), gibHours(size, c.Held.D())
	for _, r := range recs {
		c.SetupPaid += Seconds(r.Setup())
	}
	return c
}

// held is how long the image was on disk in [from, to]. A pull starts a
// stretch; the image was removed at some unknown time after the last call
// before the next pull, so the stretch ends at that call (a lower bound).
// A first call that did not pull finds the image already there: its
// stretch starts at from. The image is on disk now, so the last stretch
// runs to the end.
func held(recs []Record, from, to time.Time) time.Duration {
	var sum time.Duration
	begin, last := from, from
	for i, r := range recs {
		if r.Cold && !r.Failed {
			if i > 0 {
				sum += last.Sub(begin)
			}
			begin = r.Time
		}
		last = r.Time
	}
	return sum + to.Sub(begin)
}

func gibHours(size int64, d time.Duration) float64 {
	return float64(size) / (1 << 30) * d.Hours()
}

// total adds up every command's counts and costs.
func total(cmds []CommandStats) Total {
	var t Total
	for _, c := range cmds {
		t.Calls, t.Cold, t.Warm, t.Failed = t.Calls+c.Calls, t.Cold+c.Cold, t.Warm+c.Warm, t.Failed+c.Failed
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

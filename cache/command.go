package cache

import (
	"time"
)

// CommandStats is the analysis of one command's calls.
type CommandStats struct {
	Command string `json:"command"`
	Image   string `json:"image"`            // of the latest call
	Digest  string `json:"digest,omitempty"` // of the latest call that reported one
	// Runtime is the runtime of the latest call, whose image size is
	// shown; Runtimes counts the calls on each runtime used.
	Runtime  string         `json:"runtime"`
	Runtimes map[string]int `json:"runtimes"`
	Calls    int            `json:"calls"`
	Cold     int            `json:"cold"`
	Warm     int            `json:"warm"`
	Ready    int            `json:"ready"`  // of the warm calls, those a sandbox kept ready ran (native)
	Failed   int            `json:"failed"` // sshell's own failures; not in MTTS, MTTE
	First    time.Time      `json:"first"`
	Last     time.Time      `json:"last"`
	// MTBC is the time between consecutive calls; nil with one call.
	MTBC *Dist `json:"mtbc_s"`
	// MTTS is the mean setup time (resolve, pull, create, start), over all
	// calls, cold ones and warm ones; MTTE the mean execution time. Each is
	// nil when there is no such call.
	MTTS     *Seconds `json:"mtts_s"`
	MTTSCold *Seconds `json:"mtts_cold_s"`
	MTTSWarm *Seconds `json:"mtts_warm_s"`
	MTTE     *Seconds `json:"mtte_s"`
	// SetupShare is MTTS / (MTTS + MTTE), from 0 to 1.
	SetupShare *float64 `json:"setup_share"`
	// ImageBytes is the image's size on disk; nil when the daemon does not
	// hold it now or could not be asked.
	ImageBytes *int64 `json:"image_bytes"`
	// Cost compares serverless with installed; nil when ImageBytes is.
	Cost *Cost `json:"cost"`
}

// summarizeCommand analyses one command's time-sorted calls in [from, to].
func summarizeCommand(recs []Record, from, to time.Time, sizes map[string]int64, evs []GCEvent) CommandStats {
	last := recs[len(recs)-1]
	c := CommandStats{Command: last.Command, Image: last.Image, Calls: len(recs), Runtime: last.On(),
		Runtimes: map[string]int{}, First: recs[0].Time, Last: last.Time, MTBC: distOf(gaps(recs))}
	var all, cold, warm, exec []time.Duration
	for _, r := range recs {
		c.count(r)
		if r.Failed {
			continue
		}
		all, exec = append(all, r.Setup()), append(exec, r.Exec)
		if r.Cold {
			cold = append(cold, r.Setup())
		} else {
			warm = append(warm, r.Setup())
		}
	}
	c.MTTS, c.MTTSCold, c.MTTSWarm, c.MTTE = meanOf(all), meanOf(cold), meanOf(warm), meanOf(exec)
	c.SetupShare = share(c.MTTS, c.MTTE)
	if size, ok := sizes[c.Image]; ok {
		c.ImageBytes = ptr(size)
		c.Cost = costOf(recs, eventsOf(evs, recs), size, from, to)
	}
	return c
}

// count adds r to the cold, warm (and ready) and failed counts and to its runtime's,
// and notes its digest.
func (c *CommandStats) count(r Record) {
	c.Runtimes[r.On()]++
	switch {
	case r.Failed:
		c.Failed++
	case r.Cold:
		c.Cold++
	default:
		c.Warm++
		if r.Ready {
			c.Ready++
		}
	}
	if r.Digest != "" {
		c.Digest = r.Digest
	}
}

// share is setup / (setup + exec), nil when unknown or both are zero.
func share(setup, exec *Seconds) *float64 {
	if setup == nil || exec == nil || *setup+*exec == 0 {
		return nil
	}
	return ptr(float64(*setup) / float64(*setup+*exec))
}

// eventsOf are the events of the images recs ran.
func eventsOf(evs []GCEvent, recs []Record) []GCEvent {
	images := map[string]bool{}
	for _, r := range recs {
		images[r.Image] = true
	}
	var out []GCEvent
	for _, e := range evs {
		if images[e.Image] {
			out = append(out, e)
		}
	}
	return out
}

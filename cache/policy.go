package cache

import (
	"fmt"
	"time"
)

// Policy is the adaptive keep-or-remove policy (docs/cache.md). The zero
// value is not useful: start from DefaultPolicy.
type Policy struct {
	// Fallback is the keep-alive when the histogram cannot tell: fewer
	// than MinSamples idle times, a history shorter than IdleRange, or an
	// idle time beyond it. It is also the longest keep-alive: the policy
	// never holds an image longer after its last call than Fallback.
	Fallback   time.Duration
	MinSamples int
	// HeadPct and TailPct cut the idle-time distribution: the head is the
	// predicted next use (pre-warm), the tail the keep-alive.
	HeadPct, TailPct int
	// Margin stretches the tail, as a fraction, against noise.
	Margin float64
	// DiskPrice is what holding one GiB for one hour is worth, in seconds
	// of setup (pull) time; it weighs pull time saved against disk held.
	DiskPrice float64
	// MaxBytes is the disk budget for the images sshell pulled; <= 0: none.
	MaxBytes int64
	// LowWater is the fraction of MaxBytes that eviction frees down to once
	// the images pass MaxBytes, so that the next pull does not evict again
	// at once (as the kubelet's image gc does, 85% to 80%).
	LowWater float64
	// PrewarmMinHead is the shortest predicted idle time worth pre-warming
	// (removing the image after a call and pulling it back ahead of the
	// next one); Horizon is how far ahead a gc pulls, the longest wait for
	// the next gc; Lead is the least time a pre-warmed image is ready
	// before the predicted call (at least twice its pull time).
	PrewarmMinHead time.Duration
	Horizon        time.Duration
	Lead           time.Duration
	// NoPrewarm turns the pre-warm off: it trades disk for background
	// pulls (network, and a registry's pull limits).
	NoPrewarm bool
}

// DefaultPolicy is the policy with the values docs/cache.md justifies.
func DefaultPolicy() Policy {
	return Policy{Fallback: 24 * time.Hour, MinSamples: 5, HeadPct: 5, TailPct: 99, Margin: 0.1, DiskPrice: 0.01, LowWater: 0.8,
		PrewarmMinHead: 2 * GCEvery, Horizon: GCEvery, Lead: 5 * time.Minute}
}

// Window is an image's keep-alive and predicted next use after its last call.
type Window struct {
	Head, Keep time.Duration
	Fallback   bool   // the histogram could not tell: Keep is Policy.Fallback
	Prewarm    bool   // set by Decide: the image is removed after a call and pulled back ahead of the next
	Why        string // how Keep was chosen, for the reasons shown
}

// Window is the keep-alive window h gives.
func (p Policy) Window(h *IdleHist) Window {
	if h == nil || h.N < p.MinSamples {
		n := 0
		if h != nil {
			n = h.N
		}
		return Window{Keep: p.Fallback, Fallback: true, Why: fmt.Sprintf("fallback: %d idle times < %d", n, p.MinSamples)}
	}
	if h.Span < IdleRange {
		return Window{Keep: p.Fallback, Fallback: true, Why: fmt.Sprintf("fallback: history of %s < %s", short(h.Span), short(IdleRange))}
	}
	tail, ok := h.Percentile(p.TailPct)
	if !ok || h.Over > 0 {
		return Window{Keep: p.Fallback, Fallback: true, Why: fmt.Sprintf("fallback: %d of %d idle times beyond %s", h.Over, h.N, short(IdleRange))}
	}
	head, _ := h.Percentile(p.HeadPct)
	keep := tail + time.Duration(float64(tail)*p.Margin)
	return Window{Head: head - IdleBin, Keep: keep, Why: fmt.Sprintf("p%d of %d idle times +%.0f%%", p.TailPct, h.N, p.Margin*100)}
}

// pullSaved is the expected pull time saved by holding im from idle time t
// to until, and cost what holding it that long is worth, both in seconds.
func (p Policy) pullSaved(im Image, t, until time.Duration) (saved, cost float64) {
	reuse := 0.5
	if im.Idle != nil {
		reuse = im.Idle.ReuseWithin(t, until)
	}
	saved = im.PullCost.Seconds() * reuse
	cost = p.DiskPrice * gib(im.Bytes) * max(until-t, 0).Hours()
	return saved, cost
}

// score is the expected pull time saved per GiB by holding im until its
// keep-alive ends: the eviction order under the budget, lowest first.
func (p Policy) score(im Image, w Window, t time.Duration) float64 {
	saved, _ := p.pullSaved(im, t, min(w.Keep, p.Fallback))
	return saved / max(gib(im.Bytes), 1e-9)
}

// lowWater is what eviction frees down to: LowWater of MaxBytes.
func (p Policy) lowWater() int64 {
	if p.LowWater <= 0 || p.LowWater > 1 {
		return p.MaxBytes
	}
	return int64(float64(p.MaxBytes) * p.LowWater)
}

func gib(b int64) float64 { return float64(b) / (1 << 30) }

// short is d rounded for reasons: 26h0m0s -> 26h, 90s -> 1m30s.
func short(d time.Duration) string {
	switch {
	case d >= time.Hour:
		d = d.Round(time.Minute)
	case d >= time.Minute:
		d = d.Round(time.Second)
	default:
		d = d.Round(time.Millisecond)
	}
	s := d.String()
	for _, z := range []string{"m0s", "h0m"} {
		if len(s) > len(z) && s[len(s)-len(z):] == z {
			s = s[:len(s)-len(z)+1]
		}
	}
	return s
}

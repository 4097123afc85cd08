package cache

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// SimTick is how often the simulation sweeps: sshell's background gc runs
// at most once an hour.
const SimTick = time.Hour

// SimResult is one policy's outcome on a trace.
type SimResult struct {
	Policy   string
	Calls    int
	Cold     int     // calls that had to pull
	SetupS   float64 // pull seconds paid by the calls
	DiskGiBh float64 // image bytes held over time
}

// Simulate replays calls against keep-all, LRU under the budget, a fixed
// TTL of p.Fallback and p itself (adaptive). LRU, TTL and adaptive share
// p.MaxBytes; keep-all never removes (the installed reference).
func Simulate(calls []Call, p Policy) []SimResult {
	lru := func(s *simImage, _ time.Time) float64 { return float64(s.LastUse.UnixNano()) }
	never := func(*simImage, time.Time) bool { return false }
	ttl := func(s *simImage, now time.Time) bool { return now.Sub(s.LastUse) >= p.Fallback }
	adaptive := func(s *simImage, now time.Time) bool { return p.decide(s.Image, now).Remove }
	score := func(s *simImage, now time.Time) float64 {
		return p.score(s.Image, p.Window(s.Idle), now.Sub(s.LastUse))
	}
	return []SimResult{
		replay(calls, "keep-all", 0, never, nil),
		replay(calls, "LRU", p.MaxBytes, never, lru),
		replay(calls, "TTL "+short(p.Fallback), p.MaxBytes, ttl, lru),
		replay(calls, "adaptive", p.MaxBytes, adaptive, score),
	}
}

type simImage struct {
	Image
	present bool
	since   time.Time
}

type simRun struct {
	res    SimResult
	imgs   map[string]*simImage
	budget int64
	expire func(*simImage, time.Time) bool
	order  func(*simImage, time.Time) float64 // eviction: lowest first
}

func replay(calls []Call, name string, budget int64, expire func(*simImage, time.Time) bool, order func(*simImage, time.Time) float64) SimResult {
	r := &simRun{res: SimResult{Policy: name}, imgs: map[string]*simImage{}, budget: budget, expire: expire, order: order}
	start := time.Unix(0, 0).UTC()
	tick := start.Add(SimTick)
	for _, c := range calls {
		now := start.Add(c.Offset)
		for ; !tick.After(now); tick = tick.Add(SimTick) {
			r.sweep(tick)
		}
		r.call(c, now)
	}
	if len(calls) > 0 {
		end := start.Add(calls[len(calls)-1].Offset)
		for _, s := range r.imgs {
			r.drop(s, end)
		}
	}
	return r.res
}

func (r *simRun) sweep(now time.Time) {
	for _, s := range r.imgs {
		if s.present && r.expire(s, now) {
			r.drop(s, now)
		}
	}
}

func (r *simRun) drop(s *simImage, now time.Time) {
	if s.present {
		r.res.DiskGiBh += gib(s.Bytes) * now.Sub(s.since).Hours()
		s.present = false
	}
}

func (r *simRun) call(c Call, now time.Time) {
	s := r.imgs[c.Command]
	if s == nil {
		s = &simImage{Image: Image{Ref: c.Command, Command: c.Command, Idle: NewIdleHist(nil)}}
		r.imgs[c.Command] = s
	} else {
		s.Idle.Add(now.Sub(s.LastUse))
	}
	s.Bytes, s.PullCost, s.LastUse = c.Bytes, c.Pull, now
	s.Calls++
	r.res.Calls++
	if !s.present {
		r.res.Cold++
		r.res.SetupS += c.Pull.Seconds()
		s.present, s.since = true, now
		r.evict(s, now)
	}
}

// evict drops images other than keep, lowest order first, until the
// present ones fit the budget.
func (r *simRun) evict(keep *simImage, now time.Time) {
	if r.budget <= 0 || r.order == nil {
		return
	}
	for r.held() > r.budget {
		var victim *simImage
		for _, s := range r.imgs {
			if s.present && s != keep && (victim == nil || r.order(s, now) < r.order(victim, now) ||
				(r.order(s, now) == r.order(victim, now) && s.Ref < victim.Ref)) {
				victim = s
			}
		}
		if victim == nil {
			return
		}
		r.drop(victim, now)
	}
}

func (r *simRun) held() int64 {
	var n int64
	for _, s := range r.imgs {
		if s.present {
			n += s.Bytes
		}
	}
	return n
}

// WriteSim prints results as a table.
func WriteSim(w io.Writer, res []SimResult) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "POLICY\tCALLS\tCOLD STARTS\tSETUP (s)\tDISK (GiB·h)")
	for _, r := range res {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.0f\t%.1f\n", r.Policy, r.Calls, r.Cold, r.SetupS, r.DiskGiBh)
	}
	return tw.Flush()
}

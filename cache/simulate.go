package cache

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// SimTick is how often the simulation sweeps: sshell's background gc runs
// at most once an hour. The simulation runs it every hour, as if sshell
// were in use all the time; the real gc runs only after calls.
const SimTick = time.Hour

// SimResult is one policy's outcome on a trace.
type SimResult struct {
	Policy   string
	Calls    int
	Cold     int     // calls that had to pull
	SetupS   float64 // pull seconds paid by the calls
	DiskGiBh float64 // image bytes held over time
	// Prewarms are the pulls a gc made ahead of a call, PrewarmS their
	// seconds: paid in the background, not by a call.
	Prewarms int
	PrewarmS float64
}

// Simulate replays calls against keep-all, LRU under the budget, a fixed
// TTL of p.Fallback and p itself (adaptive, with pre-warming). LRU, TTL and
// adaptive share p.MaxBytes; keep-all never removes (the installed
// reference).
func Simulate(calls []Call, p Policy) []SimResult {
	lru := func(s *simImage, _ time.Time) float64 { return float64(s.LastUse.UnixNano()) }
	never := func(*simImage, time.Time) (bool, bool) { return false, false }
	ttl := func(s *simImage, now time.Time) (bool, bool) {
		return s.present && now.Sub(s.LastUse) >= p.Fallback, false
	}
	adaptive := func(s *simImage, now time.Time) (bool, bool) {
		d := p.decide(s.image(), now)
		return d.Remove, d.Pull
	}
	score := func(s *simImage, now time.Time) float64 {
		return p.score(s.Image, p.Window(s.Idle), now.Sub(s.LastUse))
	}
	return []SimResult{
		replay(calls, "keep-all", 0, 0, never, nil),
		replay(calls, "LRU", p.MaxBytes, p.MaxBytes, never, lru),
		replay(calls, "TTL "+short(p.Fallback), p.MaxBytes, p.MaxBytes, ttl, lru),
		replay(calls, "adaptive", p.MaxBytes, p.lowWater(), adaptive, score),
	}
}

type simImage struct {
	Image
	present bool
	since   time.Time
}

// image is s as the policy sees it at a sweep.
func (s *simImage) image() Image {
	im := s.Image
	im.Absent = !s.present
	return im
}

type simRun struct {
	res    SimResult
	imgs   map[string]*simImage
	names  []string // in order of first call, so that runs are reproducible
	budget int64
	target int64 // evictions go down to this, at most budget
	step   func(*simImage, time.Time) (remove, pull bool)
	order  func(*simImage, time.Time) float64 // eviction: lowest first
	ticks  []time.Time
}

func replay(calls []Call, name string, budget, target int64, step func(*simImage, time.Time) (bool, bool), order func(*simImage, time.Time) float64) SimResult {
	r := &simRun{res: SimResult{Policy: name}, imgs: map[string]*simImage{}, budget: budget, target: target, step: step, order: order}
	start := time.Unix(0, 0).UTC()
	if len(calls) > 0 {
		for t := start.Add(SimTick); !t.After(start.Add(calls[len(calls)-1].Offset)); t = t.Add(SimTick) {
			r.ticks = append(r.ticks, t)
		}
	}
	next := 0
	for _, c := range calls {
		now := start.Add(c.Offset)
		for ; next < len(r.ticks) && !r.ticks[next].After(now); next++ {
			r.sweep(r.ticks[next])
		}
		r.call(c, now)
	}
	if len(calls) > 0 {
		end := start.Add(calls[len(calls)-1].Offset)
		for _, n := range r.names { // in a fixed order: float sums must not vary between runs
			r.drop(r.imgs[n], end)
		}
	}
	return r.res
}

// sweep is one gc: it removes what the policy removes, then pulls ahead
// what it pulls, if that fits the budget without evicting.
func (r *simRun) sweep(now time.Time) {
	var pulls []*simImage
	for _, n := range r.names {
		s := r.imgs[n]
		switch remove, pull := r.step(s, now); {
		case remove && s.present:
			r.drop(s, now)
		case pull && !s.present:
			pulls = append(pulls, s)
		}
	}
	for _, s := range pulls {
		if r.budget > 0 && r.held()+s.Bytes > r.budget {
			continue
		}
		s.present, s.since = true, now
		r.res.Prewarms++
		r.res.PrewarmS += s.PullCost.Seconds()
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
		s = &simImage{Image: Image{Ref: c.Command, Command: c.Command, Idle: NewIdleHist(nil), GCRuns: r.ticks}}
		r.imgs[c.Command] = s
		r.names = append(r.names, c.Command)
	} else {
		s.Idle.Add(now.Sub(s.LastUse))
	}
	s.Bytes, s.PullCost, s.LastUse = c.Bytes, c.Pull, now
	s.Times = append(s.Times, now)
	s.Calls++
	r.res.Calls++
	if !s.present {
		r.res.Cold++
		r.res.SetupS += c.Pull.Seconds()
		s.present, s.since = true, now
		r.evict(s, now)
	}
}

// evict drops images other than keep, lowest order first, once the
// present ones pass the budget, until they fit the target.
func (r *simRun) evict(keep *simImage, now time.Time) {
	if r.budget <= 0 || r.order == nil || r.held() <= r.budget {
		return
	}
	for r.held() > r.target {
		var victim *simImage
		for _, n := range r.names {
			s := r.imgs[n]
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
	for _, s := range r.imgs { // integers: any order
		if s.present {
			n += s.Bytes
		}
	}
	return n
}

// WriteSim prints results as a table.
func WriteSim(w io.Writer, res []SimResult) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "POLICY\tCALLS\tCOLD STARTS\tSETUP (s)\tDISK (GiB·h)\tPREWARMS\tPREWARM PULLS (s)")
	for _, r := range res {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.0f\t%.1f\t%d\t%.0f\n", r.Policy, r.Calls, r.Cold, r.SetupS, r.DiskGiBh, r.Prewarms, r.PrewarmS)
	}
	return tw.Flush()
}

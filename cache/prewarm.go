package cache

import (
	"slices"
	"sort"
	"time"
)

// Pre-warming, after the hybrid histogram policy's pre-warm window: when a
// command's idle times are long and predictable, its image is removed
// after a call and pulled back shortly before the predicted next one, so
// the call is warm and the disk is not held through the idle time. sshell
// has no daemon: only a gc, which runs after calls at most once per
// GCEvery, can pull, so a pre-warm needs a gc run in the hour before the
// call. The policy checks that on the command's own history (prewarmable).

// lead is how long before the predicted call a pre-warmed image is ready
// at the latest: p.Lead, or twice its pull time when longer.
func (p Policy) lead(im Image) time.Duration {
	return max(p.Lead, 2*im.PullCost)
}

// pullFrom is the idle time from which a gc pulls im back: the predicted
// call, less the lead and the horizon (the next gc may be that far away).
func (p Policy) pullFrom(im Image, w Window) time.Duration {
	return w.Head - p.lead(im) - p.Horizon
}

// prewarmable says whether im is pre-warmed: its histogram is trusted, its
// predicted idle time is long enough to be worth it, and, replayed on its
// own calls with the gc runs it had, pre-warming would have made at least
// as many of them warm as keeping the image (up to the fallback) did.
func (p Policy) prewarmable(im Image, w Window) bool {
	if p.NoPrewarm || w.Fallback || w.Head < p.PrewarmMinHead || p.pullFrom(im, w) <= 0 || len(im.Times) < 2 {
		return false
	}
	from := p.pullFrom(im, w)
	warmPre, warmKeep := 0, 0
	for i := 1; i < len(im.Times); i++ {
		prev, cur := im.Times[i-1], im.Times[i]
		runs := runsBetween(im.GCRuns, prev, cur)
		if replayPrewarm(runs, prev, cur, from, w.Keep, im.PullCost) {
			warmPre++
		}
		if replayKeep(runs, prev, p.Fallback) {
			warmKeep++
		}
	}
	return warmPre >= warmKeep
}

// replayPrewarm is whether the call at cur after the one at prev found the
// image under pre-warming: each gc run removes it before from, pulls it
// from from to keep, and removes it after keep. A pull must end before cur.
func replayPrewarm(runs []time.Time, prev, cur time.Time, from, keep, pull time.Duration) bool {
	held, ready := true, prev
	for _, g := range runs {
		switch idle := g.Sub(prev); {
		case idle < from || idle >= keep:
			held = false
		case !held:
			held, ready = true, g.Add(pull)
		}
	}
	return held && !ready.After(cur)
}

// replayKeep is whether the call after prev found the image when it is
// kept until it has been idle for keep (removed by the first gc run then).
func replayKeep(runs []time.Time, prev time.Time, keep time.Duration) bool {
	for _, g := range runs {
		if g.Sub(prev) >= keep {
			return false
		}
	}
	return true
}

// runsBetween are the runs in (a, b), runs sorted.
func runsBetween(runs []time.Time, a, b time.Time) []time.Time {
	i := sort.Search(len(runs), func(i int) bool { return runs[i].After(a) })
	j := sort.Search(len(runs), func(i int) bool { return !runs[i].Before(b) })
	if i >= j {
		return nil
	}
	return runs[i:j]
}

// GCRuns are the times sshell's background gc ran, as far as the records
// tell: each call starts one when the last started every or more before
// (cache.GCDue), at the call's end. Sorted.
func GCRuns(recs []Record, every time.Duration) []time.Time {
	ends := make([]time.Time, 0, len(recs))
	for _, r := range recs {
		ends = append(ends, r.Time.Add(r.Setup()+r.Exec))
	}
	slices.SortFunc(ends, func(a, b time.Time) int { return a.Compare(b) })
	var runs []time.Time
	for _, e := range ends {
		if len(runs) == 0 || e.Sub(runs[len(runs)-1]) >= every {
			runs = append(runs, e)
		}
	}
	return runs
}

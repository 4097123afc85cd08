package cache

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Image is one image sshell pulled, as the policy sees it.
type Image struct {
	Ref      string
	Command  string // of its latest call
	Bytes    int64  // on disk; for an absent image, an estimate (0: unknown)
	Absent   bool   // the daemon does not hold it (removed, or never kept)
	PullCost time.Duration
	LastUse  time.Time
	Calls    int
	Idle     *IdleHist   // the idle times between its calls
	Times    []time.Time // its calls, oldest first: the pre-warm replay's input
	GCRuns   []time.Time // when a gc ran (or, simulated, runs), sorted: the pre-warm's chances to pull
	InUse    bool        // a container sshell made, or a native run in progress, uses it
	Pinned   bool
	Runtime  string // where it is held (Record.On); only the reason of an image in use reads it
}

// Pins says which images are pinned: the policy never removes those. A nil
// Pins pins nothing. Pins are written by `sshell pin` (not this package).
type Pins interface {
	Pinned(image string) bool
}

// Decision is the policy's verdict on one image. A held image is kept or
// removed; an absent one is pulled (Pull), left to a later gc (PullAt), or
// left alone (neither: Reason says why; callers do not list it).
type Decision struct {
	Image   Image
	Remove  bool
	Pull    bool      // absent and pre-warmed: pull it now
	PullAt  time.Time // absent and pre-warmed: a gc from then pulls it
	Reason  string
	Window  Window
	NextUse time.Time // predicted: the last use plus the window's head
}

// Listed says whether a decision is worth showing: every held image, and
// the absent ones the pre-warm will pull.
func (d Decision) Listed() bool { return !d.Image.Absent || d.Pull || !d.PullAt.IsZero() }

// Decide gives a verdict for each image at now, sorted by reference.
// In-use and pinned images are always kept. A pre-warmed image is removed
// after its call and pulled back ahead of the next; the others are
// removed when idle past their keep-alive and the pull time still expected
// to be saved by then is worth less than the disk they hold. Then, while
// the kept images pass the budget, the ones with the least expected pull
// time saved per byte go first, and pre-warm pulls that do not fit wait.
func (p Policy) Decide(imgs []Image, now time.Time) []Decision {
	ds := make([]Decision, 0, len(imgs))
	for _, im := range imgs {
		ds = append(ds, p.decide(im, now))
	}
	p.budget(ds, now)
	slices.SortFunc(ds, func(a, b Decision) int { return strings.Compare(a.Image.Ref, b.Image.Ref) })
	return ds
}

func (p Policy) decide(im Image, now time.Time) Decision {
	w := p.Window(im.Idle)
	w.Prewarm = p.prewarmable(im, w)
	d := Decision{Image: im, Window: w, NextUse: im.LastUse.Add(w.Head)}
	t := now.Sub(im.LastUse)
	switch {
	case im.Absent:
		return p.decideAbsent(d, t)
	case im.InUse:
		d.Reason = "in use by an sshell container"
		if im.Runtime == "native" {
			d.Reason = "in use by a native run in progress"
		}
	case im.Pinned:
		d.Reason = "pinned"
	case w.Prewarm:
		return p.decidePrewarm(d, t)
	default:
		return p.decideKeep(d, t)
	}
	return d
}

// decideKeep is the keep-alive rule. The histogram's keep-alive is
// never longer than the fallback. Past it, the image is removed unless the
// pull time a call before the fallback would save still outweighs the
// disk held until then; before it, only when the pull time saved by then
// is worth less than the disk.
func (p Policy) decideKeep(d Decision, t time.Duration) Decision {
	w, keep := d.Window, min(d.Window.Keep, p.Fallback)
	idle := fmt.Sprintf("idle %s", short(t))
	switch saved, cost := p.pullSaved(d.Image, t, p.Fallback); {
	case t >= p.Fallback:
		d.Remove, d.Reason = true, fmt.Sprintf("%s >= keep-alive %s (%s)", idle, short(keep), w.Why)
	case t >= keep && saved < cost:
		d.Remove, d.Reason = true, fmt.Sprintf("%s >= keep-alive %s (%s); a call by %s would save %.1fs of pull, less than %.1fs of disk", idle, short(keep), w.Why, short(p.Fallback), saved, cost)
	case t >= keep:
		d.Reason = fmt.Sprintf("%s >= keep-alive %s (%s), kept up to %s: a call by then would save %.1fs of pull, more than %.1fs of disk", idle, short(keep), w.Why, short(p.Fallback), saved, cost)
	default:
		if saved, cost := p.pullSaved(d.Image, t, keep); saved < cost {
			d.Remove, d.Reason = true, fmt.Sprintf("pull time saved %.1fs < disk cost %.1fs until keep-alive %s", saved, cost, short(keep))
			return d
		}
		d.Reason = fmt.Sprintf("%s < keep-alive %s (%s)", idle, short(keep), w.Why)
	}
	return d
}

// prewarmWhy is the start of every pre-warm reason.
func (p Policy) prewarmWhy(d Decision, t time.Duration) string {
	next := d.Window.Head - t
	if next <= 0 {
		return fmt.Sprintf("prewarm: next call due ~%s ago, within the keep-alive %s", short(-next), short(d.Window.Keep))
	}
	return fmt.Sprintf("prewarm: next call expected in ~%s, pulling %s ahead", short(next), short(p.lead(d.Image)))
}

// decidePrewarm removes a pre-warmed image the next gc will not need to
// pull back, and one idle past its keep-alive.
func (p Policy) decidePrewarm(d Decision, t time.Duration) Decision {
	from := p.pullFrom(d.Image, d.Window)
	switch {
	case t >= d.Window.Keep:
		d.Remove, d.Reason = true, fmt.Sprintf("idle %s >= keep-alive %s (%s)", short(t), short(d.Window.Keep), d.Window.Why)
	case t < from:
		d.Remove, d.Reason = true, p.prewarmWhy(d, t)+fmt.Sprintf("; removed until a gc in ~%s", short(from-t))
	default:
		d.Reason = p.prewarmWhy(d, t) + "; kept"
	}
	return d
}

// decideAbsent pulls a pre-warmed image once its next call is within the
// horizon, and plans the pull before.
func (p Policy) decideAbsent(d Decision, t time.Duration) Decision {
	from := p.pullFrom(d.Image, d.Window)
	switch {
	case !d.Window.Prewarm:
		d.Reason = "not held; not pre-warmed (" + d.Window.Why + ")"
	case d.Image.Pinned || d.Image.InUse:
		d.Reason = "not held; pinned or in use, left to its next call"
	case t >= d.Window.Keep:
		d.Reason = fmt.Sprintf("not held; idle %s >= keep-alive %s: the predicted call did not come", short(t), short(d.Window.Keep))
	case t >= from:
		d.Pull, d.Reason = true, p.prewarmWhy(d, t)+fmt.Sprintf(": due within the gc interval of %s", short(p.Horizon))
	default:
		d.PullAt, d.Reason = d.Image.LastUse.Add(from), p.prewarmWhy(d, t)+fmt.Sprintf("; a gc in ~%s pulls it", short(from-t))
	}
	return d
}

// budget removes kept images, least expected saving per byte first, until
// the kept ones fit p.MaxBytes; then it lets pre-warm pulls that fit go
// ahead, most expected saving per byte first.
func (p Policy) budget(ds []Decision, now time.Time) {
	if p.MaxBytes <= 0 {
		return
	}
	var held int64
	var open, pulls []int
	for i, d := range ds {
		switch {
		case d.Pull:
			pulls = append(pulls, i)
		case !d.Remove && !d.Image.Absent:
			held += d.Image.Bytes
			if !d.Image.InUse && !d.Image.Pinned {
				open = append(open, i)
			}
		}
	}
	score := func(i int) float64 { d := ds[i]; return p.score(d.Image, d.Window, now.Sub(d.Image.LastUse)) }
	byScore := func(a, b int) int { return cmp.Compare(score(a), score(b)) }
	slices.SortStableFunc(open, byScore)
	target := p.MaxBytes // once past the budget, free down to the low water
	if held > p.MaxBytes {
		target = p.lowWater()
	}
	for _, i := range open {
		if held <= target {
			break
		}
		held -= ds[i].Image.Bytes
		ds[i].Remove = true
		ds[i].Reason = fmt.Sprintf("over the budget of %s (freeing down to %s): %.1fs of pull saved per GiB, the least", Bytes(p.MaxBytes), Bytes(p.lowWater()), score(i))
	}
	slices.SortStableFunc(pulls, func(a, b int) int { return byScore(b, a) })
	for _, i := range pulls {
		if held+ds[i].Image.Bytes > p.MaxBytes {
			ds[i].Pull = false
			ds[i].Reason += fmt.Sprintf("; not pulled: it does not fit the budget of %s", Bytes(p.MaxBytes))
			continue
		}
		held += ds[i].Image.Bytes
	}
}

// Bytes is n in binary units, e.g. 1.5 GiB, for reasons and tables.
func Bytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	f, i := float64(n), -1
	for f >= unit && i < 3 {
		f /= unit
		i++
	}
	return fmt.Sprintf("%.1f %ciB", f, "KMGT"[i])
}

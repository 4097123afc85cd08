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
	Command  string        // of its latest call
	Bytes    int64         // on disk; 0 when the daemon does not hold it
	PullCost time.Duration // what pulling it again is expected to cost
	LastUse  time.Time
	Calls    int
	Idle     *IdleHist // the idle times between its calls
	InUse    bool      // a container sshell made uses it
	Pinned   bool
}

// Pins says which images are pinned: the policy never removes those. A nil
// Pins pins nothing. Pins are written by `sshell pin` (not this package).
type Pins interface {
	Pinned(image string) bool
}

// Decision is the policy's verdict on one image.
type Decision struct {
	Image   Image
	Remove  bool
	Reason  string
	Window  Window
	NextUse time.Time // predicted: the last use plus the window's head
}

// Decide gives a verdict for each image at now, sorted by reference.
// In-use and pinned images are always kept; the others are removed when
// idle past their keep-alive, or when the pull time they are expected to
// save is worth less than the disk they hold; then, while the kept images
// pass the budget, the ones with the least expected pull time saved per
// byte go first.
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
	d := Decision{Image: im, Window: w, NextUse: im.LastUse.Add(w.Head)}
	t := now.Sub(im.LastUse)
	saved, cost := p.pullSaved(im, w, t)
	switch {
	case im.InUse:
		d.Reason = "in use by an sshell container"
	case im.Pinned:
		d.Reason = "pinned"
	case t >= w.Keep:
		d.Remove, d.Reason = true, fmt.Sprintf("idle %s >= keep-alive %s (%s)", short(t), short(w.Keep), w.Why)
	case saved < cost:
		d.Remove, d.Reason = true, fmt.Sprintf("pull time saved %.1fs < disk cost %.1fs until keep-alive %s", saved, cost, short(w.Keep))
	default:
		d.Reason = fmt.Sprintf("idle %s < keep-alive %s (%s)", short(t), short(w.Keep), w.Why)
	}
	return d
}

// budget removes kept images, least expected saving per byte first, until
// the kept ones fit p.MaxBytes.
func (p Policy) budget(ds []Decision, now time.Time) {
	if p.MaxBytes <= 0 {
		return
	}
	var held int64
	var open []int
	for i, d := range ds {
		if !d.Remove {
			held += d.Image.Bytes
			if !d.Image.InUse && !d.Image.Pinned {
				open = append(open, i)
			}
		}
	}
	score := func(i int) float64 { d := ds[i]; return p.score(d.Image, d.Window, now.Sub(d.Image.LastUse)) }
	slices.SortStableFunc(open, func(a, b int) int { return cmp.Compare(score(a), score(b)) })
	for _, i := range open {
		if held <= p.MaxBytes {
			return
		}
		held -= ds[i].Image.Bytes
		ds[i].Remove = true
		ds[i].Reason = fmt.Sprintf("over the budget of %s: %.1fs of pull saved per GiB, the least", Bytes(p.MaxBytes), score(i))
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

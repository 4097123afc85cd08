package cache

import (
	"cmp"
	"slices"
	"time"
)

// fallbackPullRate estimates a pull never timed: bytes at 20 MiB/s.
const fallbackPullRate = 20 << 20

// Candidates are the images the policy may act on: only image references
// that sshell's own records show it pulled (a cold call that did not fail).
// Images carry no sshell label, so the records are the only proof that an
// image is sshell's; anything else on the daemon is the user's. Absent,
// InUse, Pinned and Bytes (here the most bytes a pull of it reported, a
// low estimate: compressed) are left for the caller, who asks the daemon.
// GCRuns, shared by every image, are the gc runs the records imply.
// Remembered are the references calls pulled (Pulled), whose records may
// have rotated away: those with no record left are candidates too, last
// used when last pulled, with no idle times.
func Candidates(recs []Record, remembered map[string]PulledRef) []Image {
	runs := GCRuns(recs, GCEvery)
	byRef := map[string][]Record{}
	pulled := map[string]bool{}
	for _, r := range recs {
		byRef[r.Image] = append(byRef[r.Image], r)
		pulled[r.Image] = pulled[r.Image] || (r.Cold && !r.Failed)
	}
	var out []Image
	for ref, rs := range byRef {
		if _, known := remembered[ref]; (pulled[ref] || known) && ref != "" {
			im := candidate(ref, rs)
			im.GCRuns = runs
			out = append(out, im)
		}
	}
	for ref, p := range remembered {
		if _, ok := byRef[ref]; !ok && ref != "" {
			out = append(out, Image{Ref: ref, Command: p.Command, LastUse: p.Last, PullCost: p.Pull, Idle: NewIdleHist(nil), GCRuns: runs})
		}
	}
	slices.SortFunc(out, func(a, b Image) int { return cmp.Compare(a.Ref, b.Ref) })
	return out
}

func candidate(ref string, rs []Record) Image {
	slices.SortStableFunc(rs, func(a, b Record) int { return a.Time.Compare(b.Time) })
	last := rs[len(rs)-1]
	im := Image{Ref: ref, Command: last.Command, LastUse: last.Time, Calls: len(rs), Idle: NewIdleHist(gaps(rs))}
	var pulls []time.Duration
	for _, r := range rs {
		im.Times = append(im.Times, r.Time)
		if r.Cold && !r.Failed {
			pulls = append(pulls, r.Pull)
			im.Bytes = max(im.Bytes, r.PullBytes)
		}
	}
	im.PullCost = mean(pulls)
	return im
}

// WithSize sets the image's size, and its pull cost when none was timed.
func (im *Image) WithSize(bytes int64) {
	im.Bytes = bytes
	if im.PullCost <= 0 {
		im.PullCost = time.Duration(float64(bytes) / fallbackPullRate * float64(time.Second))
	}
}

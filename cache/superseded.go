package cache

import (
	"slices"
	"strings"
)

// Superseded is an image an upgrade left behind: a digest the command's
// tag pointed to before, which sshell pulled, and which is neither the
// latest nor pinned.
type Superseded struct {
	Ref     string // REPO@DIGEST
	Command string
	Latest  string // the digest the tag points to now
}

// SupersededImages are the images upgrades left behind, sorted by
// reference. A digest counts as sshell's pull when an upgrade check or a
// prefetch marked it, or a cold call of the image recorded it; one a run
// only found on the daemon may be the user's and is left alone. Rollback
// pulls a removed one again.
func SupersededImages(st UpgradeState, recs []Record) []Superseded {
	pulled := map[string]bool{}
	for _, r := range recs {
		if r.Cold && !r.Failed && r.Digest != "" {
			pulled[DigestRef(r.Image, r.Digest)] = true
		}
	}
	var out []Superseded
	for name, t := range st.Commands {
		for _, c := range t.History {
			ref := DigestRef(t.Image, c.Digest)
			if c.Digest == t.Latest() || c.Digest == t.Pinned || !(c.Pulled || pulled[ref]) {
				continue
			}
			out = append(out, Superseded{Ref: ref, Command: name, Latest: t.Latest()})
		}
	}
	slices.SortFunc(out, func(a, b Superseded) int { return strings.Compare(a.Ref, b.Ref) })
	return slices.CompactFunc(out, func(a, b Superseded) bool { return a.Ref == b.Ref })
}

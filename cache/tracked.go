package cache

import (
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
)

// Current is the digest runs use: the pin, else the latest seen.
func (t *Tracked) Current() string {
	if t.Pinned != "" {
		return t.Pinned
	}
	return t.Latest()
}

// Latest is the last digest seen for the tag; empty when none.
func (t *Tracked) Latest() string {
	if len(t.History) == 0 {
		return ""
	}
	return t.History[len(t.History)-1].Digest
}

// Observe adds digest to the history when it differs from the latest and
// reports whether it did.
func (t *Tracked) Observe(digest string, now time.Time) bool {
	if digest == "" || digest == t.Latest() {
		return false
	}
	t.History = append(t.History, Change{Digest: digest, Seen: now})
	return true
}

// Previous is the digest seen before the current one; empty when none.
func (t *Tracked) Previous() string {
	cur := t.Current()
	for i := len(t.History) - 1; i > 0; i-- {
		if t.History[i].Digest == cur {
			return t.History[i-1].Digest
		}
	}
	return ""
}

// Stale reports whether the tag is due a check at now.
func (t *Tracked) Stale(ttl time.Duration, now time.Time) bool {
	return t.Pinned == "" && !IsDigestRef(t.Image) && now.Sub(t.Checked) >= ttl
}

// DigestRef is image's repository at digest ("repo@sha256:..."); image
// itself when it does not parse.
func DigestRef(image, digest string) string {
	r, err := name.ParseReference(image, name.WeakValidation)
	if err != nil {
		return image
	}
	return r.Context().Name() + "@" + digest
}

// IsDigestRef reports a reference that names a digest, so has no upgrades.
func IsDigestRef(image string) bool { return strings.Contains(image, "@") }

// Pinned reports whether image is held by a pin: the tag of a pinned
// command, its pinned digest, or REPO@DIGEST of it. It makes UpgradeState
// a Pins for the cache's garbage collection.
func (s UpgradeState) Pinned(image string) bool {
	for _, t := range s.Commands {
		if t.Pinned == "" {
			continue
		}
		if image == t.Image || image == t.Pinned || strings.HasSuffix(image, "@"+t.Pinned) {
			return true
		}
	}
	return false
}

// MarkPulled notes that sshell itself pulled digest (an upgrade check, a
// prefetch), and the tag when tag is set.
func (t *Tracked) MarkPulled(digest string, tag bool) {
	t.TagPulled = t.TagPulled || tag
	for i := range t.History {
		if t.History[i].Digest == digest {
			t.History[i].Pulled = true
		}
	}
}

// PulledRefs are the image references sshell itself pulled for the
// tracked commands, by an upgrade check or a prefetch: the tag, and
// REPO@DIGEST for each digest so pulled. A digest only seen on a run that
// found the image (maybe the user's own) is not one.
func (s UpgradeState) PulledRefs() []string {
	var refs []string
	for _, t := range s.Commands {
		if t.TagPulled {
			refs = append(refs, t.Image)
		}
		for _, c := range t.History {
			if c.Pulled {
				refs = append(refs, DigestRef(t.Image, c.Digest))
			}
		}
	}
	return refs
}

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/resolve"
	"github.com/sshell/sshell/run"
)

// pinnedImage is the image a run of t uses: REPO@DIGEST while its command
// is pinned (or rolled back), else the manifest's own reference. Only
// tools from manifests are tracked; --image runs as given.
func pinnedImage(name string, t resolve.Tool) string {
	if t.Source.File == "" {
		return t.Image
	}
	st, err := cache.DefaultUpgrades().Load()
	if tr, ok := st.Commands[name]; err == nil && ok && tr.Pinned != "" && tr.Image == t.Image {
		return cache.DigestRef(t.Image, tr.Pinned)
	}
	return t.Image
}

// track notes the digest a run of a manifest's tool used, and starts a
// background check of its tag once the TTL has passed. It never fails or
// slows a run: the state is written only when something changed.
func track(s *streams, rt, name string, t resolve.Tool, digest string, now time.Time) {
	if t.Source.File == "" || digest == "" || cache.IsDigestRef(t.Image) {
		return
	}
	u := cache.DefaultUpgrades()
	st, err := u.Load()
	tr, ok := st.Commands[name]
	if err == nil && (!ok || tr.Image != t.Image || (tr.Pinned == "" && tr.Latest() != digest)) {
		err = u.Update(func(st *cache.UpgradeState) error { observe(st, name, t.Image, digest, now); return nil })
		tr, ok = &cache.Tracked{Checked: now}, false // just seen: not stale
	}
	if err != nil {
		debugf(s, "tracking the digest of %s: %v", name, err)
		return
	}
	if ttl, on := cache.UpgradeTTL(os.Getenv); on && ok && tr.Stale(ttl, now) {
		startBackgroundUpgradeOn(rt) // onto the runtime this run used
	}
}

// observe records digest as name's latest from image. A new image (the
// manifest changed) starts a new history and drops the pin.
func observe(st *cache.UpgradeState, name, image, digest string, now time.Time) {
	tr, ok := st.Commands[name]
	if !ok || tr.Image != image {
		tr = &cache.Tracked{Image: image}
		st.Commands[name] = tr
	}
	if tr.Pinned == "" {
		tr.Observe(digest, now)
		tr.Checked = now
	}
}

// offline runs spec again from the cached image when an always-pull failed
// only because the registry is unreachable, after a one-line notice.
func offline(ctx context.Context, s *streams, rt string, spec run.Spec, tty string, res run.Result, err error) (run.Result, error) {
	if !errors.Is(err, run.ErrRegistryUnreachable) || spec.Pull != run.PullAlways {
		return res, err
	}
	digest, ok := cachedDigest(ctx, rt, spec.Image)
	if !ok {
		return res, err
	}
	fmt.Fprintln(s.err, offlineNotice(spec.Image, digest))
	spec.Pull = run.PullNever
	return start(ctx, s, rt, spec, tty)
}

func offlineNotice(ref, digest string) string {
	if digest == "" {
		digest = "unknown"
	}
	return fmt.Sprintf("sshell: notice: registry %s unreachable; using the cached image (digest %s)", registryHost(ref), digest)
}

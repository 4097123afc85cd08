package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/resolve"
	"github.com/sshell/sshell/run"
)

// checkTag checks one command's tag on host h: it pulls the tag (for the
// manifest's platform; only the manifest is asked for when nothing
// changed, and only new layers are fetched) and records the digest it now
// points to.
func checkTag(ctx context.Context, h imageHost, u *cache.Upgrades, name string) (string, error) {
	st, err := u.Load()
	if err != nil {
		return name + ": " + err.Error(), err
	}
	tr, ok := st.Commands[name]
	switch {
	case !ok:
		return name + ": not run yet", nil
	case tr.Pinned != "":
		return fmt.Sprintf("%s: pinned to %s, skipped", name, shortDigest(tr.Pinned)), nil
	case cache.IsDigestRef(tr.Image):
		return fmt.Sprintf("%s: %s names a digest, skipped", name, tr.Image), nil
	}
	digest, err := h.pull(ctx, tr.Image, manifestPlatform(name, tr.Image))
	if errors.Is(err, run.ErrRegistryUnreachable) {
		if cached, ok := cachedDigest(ctx, h.runtime(), tr.Image); ok {
			return name + ": " + strings.TrimPrefix(offlineNotice(tr.Image, cached), "sshell: "), nil
		}
	}
	if err != nil {
		return name + ": " + oneLine(err.Error()), &runError{image: tr.Image, err: err}
	}
	old := tr.Latest()
	err = u.Update(func(st *cache.UpgradeState) error {
		observe(st, name, tr.Image, digest, time.Now())
		markPulled(h, st.Commands[name], digest, true) // sshell's own pull: purge's to remove
		return nil
	})
	if old == digest || old == "" {
		return fmt.Sprintf("%s: %s up to date", name, shortDigest(digest)), err
	}
	return fmt.Sprintf("%s: %s -> %s", name, shortDigest(old), shortDigest(digest)), err
}

// manifestPlatform is the platform name's manifest names for image, ""
// when none (or the manifest no longer runs image).
func manifestPlatform(name, image string) string {
	set, _, _ := resolve.LoadAll()
	return platformOf(set, name, image)
}

// shortDigest is "sha256:" and the first 12 hex digits, with an ellipsis.
func shortDigest(d string) string {
	if len(d) <= len("sha256:")+12 {
		return d
	}
	return d[:len("sha256:")+12] + "…"
}

// trackNamed starts tracking the named commands that have not run yet,
// from their manifests, so that `sshell upgrade CMD` and `sshell pin CMD`
// work before the first run.
func trackNamed(u *cache.Upgrades, names []string) error {
	st, err := u.Load()
	if err != nil {
		return err
	}
	var missing []string
	for _, n := range names {
		if _, ok := st.Commands[n]; !ok {
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	set, _, _ := resolve.LoadAll()
	return u.Update(func(st *cache.UpgradeState) error {
		for _, n := range missing {
			t, ok := set.Lookup(n)
			if !ok {
				return &unknownCommandError{name: n, dir: resolve.UserDir()}
			}
			if _, ok := st.Commands[n]; !ok {
				st.Commands[n] = &cache.Tracked{Image: t.Image}
			}
		}
		return nil
	})
}

package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/resolve"
	"github.com/sshell/sshell/run/docker"
)

// `sshell cache prefetch CMD...` lives here, beside the upgrades whose
// history it feeds; `sshell cache` dispatches to it.
func init() { cacheSubs["prefetch"] = cachePrefetch }

// cachePrefetch pulls the image of each command now (its pinned digest
// while pinned), so that it runs without the network later.
func cachePrefetch(ctx context.Context, s *streams, args []string) error {
	if len(args) == 0 {
		return &usageError{verb: "cache", err: errors.New("cache prefetch wants one or more CMD")}
	}
	set, _, _ := resolve.LoadAll()
	r, err := docker.New()
	if err != nil {
		return err
	}
	defer r.Close()
	var errs []error
	for _, name := range args {
		errs = append(errs, prefetchOne(ctx, s, r, set, name))
	}
	return errors.Join(errs...)
}

func prefetchOne(ctx context.Context, s *streams, r *docker.Runner, set *resolve.Set, name string) error {
	t, ok := set.Lookup(name)
	if !ok {
		return &unknownCommandError{name: name, dir: resolve.UserDir()}
	}
	if t.Platform != "" { // Runner.Pull takes no platform: it would fetch the daemon's own
		return fmt.Errorf("cannot prefetch %s: its manifest names platform %s, which prefetch cannot pull yet (a run pulls it)", name, t.Platform)
	}
	ref := pinnedImage(name, t)
	digest, err := r.Pull(ctx, ref, nil)
	if err != nil {
		return &runError{image: ref, source: sourceOf(t), err: err}
	}
	// A tag's digest joins the history; either way the pull is sshell's own,
	// which purge removes.
	err = cache.DefaultUpgrades().Update(func(st *cache.UpgradeState) error {
		if ref == t.Image {
			observe(st, name, t.Image, digest, time.Now())
		}
		if tr, ok := st.Commands[name]; ok && tr.Image == t.Image {
			tr.MarkPulled(digest, ref == t.Image)
		}
		return nil
	})
	fmt.Fprintf(s.out, "%s: %s at %s\n", name, ref, shortDigest(digest))
	return err
}

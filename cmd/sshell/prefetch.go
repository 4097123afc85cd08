package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/resolve"
)

// `sshell cache prefetch CMD...` lives here, beside the upgrades whose
// history it feeds; `sshell cache` dispatches to it.
func init() { cacheSubs["prefetch"] = cachePrefetch }

// cachePrefetch pulls the image of each command now (its pinned digest
// while pinned, for its manifest's platform) onto the runtime runs use
// (--runtime, else $SSHELL_RUNTIME, the config file's, auto), so that it
// runs without the network later.
func cachePrefetch(ctx context.Context, s *streams, args []string) error {
	fs := newFlagSet(verbs["cache"])
	var rt string
	fs.Func("runtime", "", runtimeFlag(&rt))
	if err := parseFlags(fs, verbs["cache"], s, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return &usageError{verb: "cache", err: errors.New("cache prefetch wants one or more CMD")}
	}
	set, _, _ := resolve.LoadAll()
	hosts := newRuntimeHosts(rt)
	defer hosts.close()
	var errs []error
	for _, name := range fs.Args() {
		errs = append(errs, prefetchOne(ctx, s, hosts, set, name))
	}
	return errors.Join(errs...)
}

func prefetchOne(ctx context.Context, s *streams, hosts *runtimeHosts, set *resolve.Set, name string) error {
	t, ok := set.Lookup(name)
	if !ok {
		return &unknownCommandError{name: name, dir: resolve.UserDir()}
	}
	h, err := hosts.forTool(t)
	if err != nil {
		return err
	}
	ref := pinnedImage(name, t)
	digest, err := h.pull(ctx, ref, t.Platform)
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
			markPulled(h, tr, digest, ref == t.Image)
		}
		return nil
	})
	fmt.Fprintf(s.out, "%s: %s at %s (%s)\n", name, ref, shortDigest(digest), h.runtime())
	return err
}

package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/sshell/sshell/cache"
)

func init() { cacheSubs["gc"] = runCacheGC }

// cachePins reads the pins (`sshell pin`); nil pins nothing. An error
// stops gc from removing anything.
var cachePins = func() (cache.Pins, error) { return nil, nil }

func runCacheGC(ctx context.Context, s *streams, args []string) error {
	fs := newFlagSet(verbs["cache"])
	dry := fs.Bool("dry-run", false, "")
	background := fs.Bool("background", false, "")
	if err := parseFlags(fs, verbs["cache"], s, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{verb: "cache", err: fmt.Errorf("cache gc takes no arguments, got %q", fs.Args())}
	}
	if *background {
		backgroundGC(ctx)
		return nil
	}
	d, ds, err := cacheDecisions(ctx, time.Now())
	if err != nil {
		return err
	}
	defer d.Close()
	applyDecisions(ctx, s.out, d, ds, *dry)
	return nil
}

// cacheDecisions reads the config, the records and the pins, asks the
// daemon which candidates it holds, and lets the policy decide at now.
func cacheDecisions(ctx context.Context, now time.Time) (*cacheDaemon, []cache.Decision, error) {
	cfg, err := cache.LoadConfig(cache.ConfigPath())
	if err != nil {
		return nil, nil, err
	}
	recs, err := cache.DefaultLog().Read()
	if err != nil {
		return nil, nil, err
	}
	pins, err := cachePins()
	if err != nil {
		return nil, nil, fmt.Errorf("reading the pins: %w", err)
	}
	d, err := openCacheDaemon()
	if err != nil {
		return nil, nil, err
	}
	imgs, err := d.held(ctx, cache.Candidates(recs))
	if err != nil {
		d.Close()
		return nil, nil, err
	}
	for i := range imgs {
		imgs[i].Pinned = pins != nil && pins.Pinned(imgs[i].Ref)
	}
	return d, cfg.Apply(cache.DefaultPolicy()).Decide(imgs, now), nil
}

// applyDecisions prints one line per image and, unless dry, removes.
func applyDecisions(ctx context.Context, w io.Writer, d *cacheDaemon, ds []cache.Decision, dry bool) {
	for _, dc := range ds {
		verb := "keep"
		switch {
		case dc.Remove && dry:
			verb = "would remove"
		case dc.Remove:
			verb = "removed"
			if err := d.remove(ctx, dc.Image.Ref); err != nil {
				verb, dc.Reason = "kept", fmt.Sprintf("the daemon refused (%v); %s", err, dc.Reason)
			}
		}
		fmt.Fprintln(w, oneLine(fmt.Sprintf("%s %s (%s, %s): %s", verb, dc.Image.Ref, dc.Image.Command, cache.Bytes(dc.Image.Bytes), dc.Reason)))
	}
}

// backgroundGC is `sshell cache gc --background`, started detached after a
// call at most once per GCEvery: it takes the gc lock or quits, and says
// nothing (its stdio is /dev/null).
func backgroundGC(ctx context.Context) {
	unlock, ok, err := cache.LockGC(cache.GCStamp())
	if err != nil || !ok {
		return
	}
	defer unlock()
	d, ds, err := cacheDecisions(ctx, time.Now())
	if err != nil {
		return
	}
	defer d.Close()
	applyDecisions(ctx, io.Discard, d, ds, false)
}

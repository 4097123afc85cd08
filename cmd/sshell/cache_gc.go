package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/sshell/sshell/cache"
)

func init() { cacheSubs["gc"] = runCacheGC }

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
	return gcAt(ctx, s.out, time.Now(), *dry)
}

// gcAt decides at now and applies (or, dry, only prints) the decisions.
func gcAt(ctx context.Context, w io.Writer, now time.Time, dry bool) error {
	d, ds, err := cacheDecisions(ctx, now)
	if err != nil {
		return err
	}
	defer d.Close()
	applyDecisions(ctx, w, d, ds, dry, now)
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
	remembered, err := cache.DefaultPulled().Load()
	if err != nil {
		return nil, nil, err
	}
	st, err := cache.DefaultUpgrades().Load() // the pins, and the digests upgrades superseded
	if err != nil {
		return nil, nil, fmt.Errorf("reading the pins: %w", err)
	}
	pins := cachePins(st)
	d, err := openCacheDaemon()
	if err != nil {
		return nil, nil, err
	}
	imgs, err := d.held(ctx, cache.Candidates(recs, remembered))
	if err != nil {
		d.Close()
		return nil, nil, err
	}
	for i := range imgs {
		imgs[i].Pinned = pins != nil && pins.Pinned(imgs[i].Ref)
	}
	old, err := d.supersededDecisions(ctx, st, recs)
	if err != nil {
		d.Close()
		return nil, nil, err
	}
	ds := cfg.Apply(cache.DefaultPolicy()).Decide(imgs, now)
	holdPlatformPulls(ds)
	return d, append(ds, old...), nil
}

// applyDecisions prints one line per listed image and, unless dry,
// removes and pulls (the pre-warm), and logs each removal and pull at now
// for `sshell stats` (a log that cannot be written loses the event only).
func applyDecisions(ctx context.Context, w io.Writer, d *cacheDaemon, ds []cache.Decision, dry bool, now time.Time) {
	events := cache.DefaultGCLog()
	for _, dc := range ds {
		if !dc.Listed() {
			continue
		}
		verb, size := "keep", cache.Bytes(dc.Image.Bytes)
		if dc.Image.Absent {
			verb, size = "absent", "not held"
		}
		switch {
		case dc.Pull && dry:
			verb = "would pull"
		case dc.Pull:
			verb = "pulled"
			if err := d.pull(ctx, dc.Image.Ref); err != nil {
				verb, dc.Reason = "not pulled", fmt.Sprintf("%v; %s", err, dc.Reason)
			} else {
				_ = events.AppendEvent(cache.GCEvent{Time: now, Image: dc.Image.Ref, Action: cache.GCPulled})
			}
		case dc.Remove && dry:
			verb = "would remove"
		case dc.Remove:
			verb = "removed"
			if err := d.remove(ctx, dc.Image.Ref); err != nil {
				verb, dc.Reason = "kept", fmt.Sprintf("the daemon refused (%v); %s", err, dc.Reason)
			} else {
				_ = events.AppendEvent(cache.GCEvent{Time: now, Image: dc.Image.Ref, Action: cache.GCRemoved})
			}
		}
		fmt.Fprintln(w, oneLine(fmt.Sprintf("%s %s (%s, %s): %s", verb, dc.Image.Ref, dc.Image.Command, size, dc.Reason)))
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
	_ = gcAt(ctx, io.Discard, time.Now(), false)
}

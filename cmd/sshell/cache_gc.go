package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/resolve"
	"github.com/sshell/sshell/run"
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
	return gcAt(ctx, s.out, s.err, time.Now(), *dry)
}

// gcAt decides at now and applies (or, dry, only prints) the decisions;
// a host that cannot be asked is skipped with a line to notes.
func gcAt(ctx context.Context, w, notes io.Writer, now time.Time, dry bool) error {
	p, err := cacheDecisions(ctx, notes, now)
	if err != nil {
		return err
	}
	defer p.close()
	applyDecisions(ctx, w, p.hosts, p.ds, dry, now)
	if !dry {
		for _, h := range p.hosts {
			if err := h.tidy(ctx); err != nil {
				fmt.Fprintln(notes, oneLine(fmt.Sprintf("sshell: note: tidying the %s images: %v", h.runtime(), err)))
			}
		}
	}
	return nil
}

// gcPlan is what gc and ls act on: the decisions, and the hosts that hold
// their images, by runtime.
type gcPlan struct {
	hosts map[string]imageHost
	ds    []cache.Decision
}

func (p *gcPlan) close() {
	for _, h := range p.hosts {
		h.close()
	}
}

// cacheDecisions reads the config, the records and the pins, asks each
// host (Docker, the native store) which of its candidates it holds, and
// lets the policy decide at now over all of them: one budget for both.
// Candidates are per host: a reference pulled on a runtime (its records
// say which) is held there.
func cacheDecisions(ctx context.Context, notes io.Writer, now time.Time) (*gcPlan, error) {
	cfg, err := cache.LoadConfig(cache.ConfigPath())
	if err != nil {
		return nil, err
	}
	recs, err := cache.DefaultLog().Read()
	if err != nil {
		return nil, err
	}
	remembered, err := cache.DefaultPulled().Load()
	if err != nil {
		return nil, err
	}
	st, err := cache.DefaultUpgrades().Load() // the pins, and the digests upgrades superseded
	if err != nil {
		return nil, fmt.Errorf("reading the pins: %w", err)
	}
	pins := cachePins(st)
	wantNative := len(recordsOn(recs, runtimeNative)) > 0 || len(pulledOn(remembered, runtimeNative)) > 0
	p := &gcPlan{hosts: map[string]imageHost{}}
	var imgs []cache.Image
	var old []cache.Decision
	runs := cache.GCRuns(recs, cache.GCEvery) // any call, on any runtime, may start a gc
	for _, h := range allHosts(ctx, notes, wantNative) {
		p.hosts[h.runtime()] = h
		hostRecs, hostPulled := recordsOn(recs, h.runtime()), pulledOn(remembered, h.runtime())
		held, err := heldOn(ctx, h, cache.Candidates(hostRecs, hostPulled))
		if err != nil {
			p.close()
			return nil, err
		}
		for i := range held {
			held[i].Pinned = pins != nil && pins.Pinned(held[i].Ref)
			held[i].GCRuns = runs
		}
		imgs = append(imgs, held...)
		sup, err := supersededDecisions(ctx, h, st, hostRecs)
		if err != nil {
			p.close()
			return nil, err
		}
		old = append(old, sup...)
	}
	p.ds = append(cfg.Apply(cache.DefaultPolicy()).Decide(imgs, now), old...)
	if _, ok := p.hosts[runtimeNative]; ok {
		if err := holdNativeRemovals(p.ds, st); err != nil {
			p.close()
			return nil, err
		}
	}
	return p, nil
}

// holdNativeRemovals keeps, for a later gc, every removal from the native
// store while a native run is in progress whose command's tag moved since
// it started (an upgrade): a removal collects what no reference holds,
// and the layers of the image that run still uses are such. The runs'
// labels name their command, not their image, so this is what can be
// known.
func holdNativeRemovals(ds []cache.Decision, st cache.UpgradeState) error {
	runs, err := nativeRuns()
	if err != nil {
		return err
	}
	hazard := ""
	for _, r := range liveRuns(runs) {
		cmd := r.labels[run.LabelCommand]
		if tr, ok := st.Commands[cmd]; ok && len(tr.History) > 1 && tr.History[len(tr.History)-1].Seen.After(r.started) {
			hazard = cmd
		}
	}
	if hazard == "" {
		return nil
	}
	for i := range ds {
		if ds[i].Image.Runtime == runtimeNative && ds[i].Remove {
			ds[i].Remove = false
			ds[i].Reason = fmt.Sprintf("kept for a later gc: a native run of %s is in progress, and its tag moved since it started (the layers it runs would go with this removal); %s", hazard, ds[i].Reason)
		}
	}
	return nil
}

// heldOn asks host h about each candidate: the ones it holds get their
// sizes, and are marked when a run in progress uses them; the others are
// marked absent (the pre-warm may pull them back), their size the
// records' estimate.
func heldOn(ctx context.Context, h imageHost, imgs []cache.Image) ([]cache.Image, error) {
	if len(imgs) == 0 {
		return nil, nil
	}
	u, err := h.usage(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]cache.Image, 0, len(imgs))
	for _, im := range imgs {
		im.Runtime = h.runtime()
		img, ok, err := h.local(ctx, im.Ref)
		switch {
		case err != nil:
			return nil, err
		case !ok:
			im.Absent = true
			im.WithSize(im.Bytes)
		default:
			im.WithSize(img.Size)
			im.InUse = u.uses(img, im.Command)
		}
		out = append(out, im)
	}
	return out, nil
}

// applyDecisions prints one line per listed image and, unless dry,
// removes and pulls (the pre-warm) on the image's host, and logs each
// removal and pull at now for `sshell stats` (a log that cannot be written
// loses the event only).
func applyDecisions(ctx context.Context, w io.Writer, hosts map[string]imageHost, ds []cache.Decision, dry bool, now time.Time) {
	events := cache.DefaultGCLog()
	var set *resolve.Set // the manifests, read when there is a pull: the platform to pull
	for _, dc := range ds {
		if !dc.Listed() {
			continue
		}
		verb, size := "keep", cache.Bytes(dc.Image.Bytes)
		if dc.Image.Absent {
			verb, size = "absent", "not held"
		}
		h := hosts[dc.Image.Runtime]
		switch {
		case dc.Pull && dry:
			verb = "would pull"
		case dc.Pull:
			if set == nil {
				set, _, _ = resolve.LoadAll()
			}
			verb = "pulled"
			if err := pullAhead(ctx, h, dc.Image.Ref, platformOf(set, dc.Image.Command, dc.Image.Ref)); err != nil {
				verb, dc.Reason = "not pulled", fmt.Sprintf("%v; %s", err, dc.Reason)
			} else {
				_ = events.AppendEvent(cache.GCEvent{Time: now, Image: dc.Image.Ref, Action: cache.GCPulled})
			}
		case dc.Remove && dry:
			verb = "would remove"
		case dc.Remove:
			verb = "removed"
			if err := h.remove(ctx, dc.Image.Ref); err != nil {
				verb, dc.Reason = "kept", fmt.Sprintf("the %s refused (%v); %s", refuser(h), err, dc.Reason)
			} else {
				_ = events.AppendEvent(cache.GCEvent{Time: now, Image: dc.Image.Ref, Action: cache.GCRemoved})
			}
		}
		fmt.Fprintln(w, oneLine(fmt.Sprintf("%s %s (%s, %s, %s): %s", verb, dc.Image.Ref, dc.Image.Command, runtimeOf(dc.Image), size, dc.Reason)))
	}
}

// runtimeOf is the runtime holding im; images the policy's own tests
// make carry none.
func runtimeOf(im cache.Image) string {
	if im.Runtime == "" {
		return runtimeDocker
	}
	return im.Runtime
}

// refuser names what refused a removal.
func refuser(h imageHost) string {
	if h.runtime() == runtimeNative {
		return "native store"
	}
	return "daemon"
}

// pullAhead pulls ref for platform ahead of its predicted call (the
// pre-warm), as a run would; it records no call.
func pullAhead(ctx context.Context, h imageHost, ref, platform string) error {
	ctx, cancel := context.WithTimeout(ctx, pullTimeout)
	defer cancel()
	if _, err := h.pull(ctx, ref, platform); err != nil {
		return fmt.Errorf("pulling %q ahead of its next call: %w", ref, err)
	}
	return nil
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
	_ = gcAt(ctx, io.Discard, io.Discard, time.Now(), false)
}

// pullTimeout bounds one pull ahead (gc's pre-warm), so that a hung
// registry cannot hold the gc (and its lock) for ever.
const pullTimeout = 10 * time.Minute

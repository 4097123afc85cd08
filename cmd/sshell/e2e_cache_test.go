//go:build linux

package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/adrg/xdg"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/internal/testimage"
)

// gc removes, through the Engine API, an image sshell pulled once the
// policy (here the budget of 1 byte) no longer keeps it, after saying so
// with --dry-run; the user's own image, pulled with `docker pull` and in
// no record, stays, and so does one sshell pulled that an sshell container
// uses.
func TestCacheGCRemovesOnlyPulled(t *testing.T) {
	testimage.RequireDocker(t)
	reg := testimage.StartRegistry(t)
	ours, users := testimage.Push(t, reg, "sshell-e2e/gcours"), testimage.Push(t, reg, "sshell-e2e/gcusers")
	busy := testimage.Push(t, reg, "sshell-e2e/gcbusy")
	dockerOut(t, "pull", "-q", users)
	bin, state := sshellBin(t), t.TempDir()
	sshell := func(args ...string) string {
		cmd := sshellCmd(t, bin, args...)
		cfg := filepath.Join(cmd.Dir, ".config") // sshellCmd's XDG_CONFIG_HOME
		if err := os.MkdirAll(filepath.Join(cfg, "sshell"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(cfg, "sshell", "config.toml"), []byte("[cache]\nmax_bytes = 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd.Env = append(cmd.Env, "XDG_STATE_HOME="+state, "SSHELL_GC=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("sshell %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	sshell("run", "--image", ours, "--", "echo-split", "out", "err")
	sshell("run", "--image", busy, "--", "echo-split", "out", "err")
	id := dockerOut(t, "create", "--label", "io.sshell.managed=true", busy)
	t.Cleanup(func() { _ = exec.Command("docker", "rm", "-f", id).Run() })
	dry := sshell("cache", "gc", "--dry-run")
	if !strings.Contains(dry, "would remove "+ours+" (gcours, docker, ") || strings.Contains(dry, users) || !present(ours) {
		t.Fatalf("gc --dry-run:\n%s", dry)
	}
	if ls := sshell("cache", "ls"); !strings.Contains(ls, ours) || !strings.Contains(ls, "remove: over the budget") {
		t.Errorf("cache ls:\n%s", ls)
	}
	out := sshell("cache", "gc")
	t.Logf("sshell cache gc:\n%s", out)
	if !strings.Contains(out, "removed "+ours) || present(ours) {
		t.Errorf("gc did not remove %s:\n%s", ours, out)
	}
	evs, err := (&cache.Log{Path: filepath.Join(state, "sshell", "gc.jsonl")}).ReadEvents()
	if err != nil || len(evs) != 1 || evs[0].Image != ours || evs[0].Action != cache.GCRemoved {
		t.Errorf("gc events %+v (%v), want the removal of %s", evs, err, ours)
	}
	if !present(users) {
		t.Errorf("gc removed the user's image %s", users)
	}
	if !strings.Contains(out, "keep "+busy+" (gcbusy, docker, ") || !strings.Contains(out, "in use by an sshell container") || !present(busy) {
		t.Errorf("gc did not keep %s, in use:\n%s", busy, out)
	}
}

func present(ref string) bool { return exec.Command("docker", "image", "inspect", ref).Run() == nil }

// The background gc pulls ahead an image whose predicted next call is
// within the pre-warm horizon and that is not held, and leaves one that is
// not due. The call log and the clock are injected: a regular trace of
// calls every 6 h, among hourly calls of another command (which start the
// gc runs a pre-warm needs), ending so that one command's next call is
// due in ~40m and the other's in ~5h.
func TestCacheGCPrewarm(t *testing.T) {
	testimage.RequireDocker(t)
	reg := testimage.StartRegistry(t)
	due, later := testimage.Push(t, reg, "sshell-e2e/prewarmdue"), testimage.Push(t, reg, "sshell-e2e/prewarmlater")
	log := stateHome(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	xdg.Reload()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) // the injected clock
	var recs []cache.Record
	for h := 5 * 24; h > 0; h-- { // another command, every hour, warm: not a candidate
		recs = append(recs, cache.Record{V: cache.Version, Command: "lint", Image: "sshell-test.invalid/lint:1",
			Time: now.Add(-time.Duration(h)*time.Hour + 15*time.Minute)})
	}
	regular := func(cmd, ref string, last time.Time) {
		for i := 20; i >= 0; i-- {
			recs = append(recs, cache.Record{V: cache.Version, Command: cmd, Image: ref, Time: last.Add(-time.Duration(i) * 6 * time.Hour),
				Cold: i == 20, Pull: time.Second, PullBytes: 4 << 20, Exec: time.Second})
		}
	}
	regular("due", due, now.Add(-5*time.Hour-20*time.Minute)) // next call in ~40m
	regular("later", later, now.Add(-time.Hour))              // next call in ~5h
	for _, r := range recs {
		if err := log.Append(r); err != nil {
			t.Fatal(err)
		}
	}
	var ls, dry, out strings.Builder
	if err := lsAt(t.Context(), &ls, io.Discard, now); err != nil {
		t.Fatal(err)
	}
	t.Logf("sshell cache ls:\n%s", ls.String())
	if !strings.Contains(ls.String(), "pull now: prewarm: next call expected in ~40m, pulling 5m ahead") ||
		!strings.Contains(ls.String(), "pull at ") || strings.Contains(ls.String(), "lint") {
		t.Errorf("cache ls does not show the pre-warm decisions:\n%s", ls.String())
	}
	if err := gcAt(t.Context(), &dry, io.Discard, now, true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dry.String(), "would pull "+due+" (due, docker, not held): prewarm: next call expected in ~40m, pulling 5m ahead") ||
		!strings.Contains(dry.String(), "absent "+later+" (later, docker, not held): prewarm: next call expected in ~5h") || present(due) {
		t.Fatalf("cache gc --dry-run:\n%s", dry.String())
	}
	if err := gcAt(t.Context(), &out, io.Discard, now, false); err != nil {
		t.Fatal(err)
	}
	t.Logf("sshell cache gc:\n%s", out.String())
	if !strings.Contains(out.String(), "pulled "+due+" (due, docker, ") || !present(due) {
		t.Errorf("gc did not pull %s ahead:\n%s", due, out.String())
	}
	if present(later) {
		t.Errorf("gc pulled %s, whose next call is not due:\n%s", later, out.String())
	}
	evs, err := cache.DefaultGCLog().ReadEvents()
	if err != nil || len(evs) != 1 || evs[0].Image != due || evs[0].Action != cache.GCPulled || !evs[0].Time.Equal(now) {
		t.Errorf("gc events %+v (%v), want the pull of %s at %v", evs, err, due, now)
	}
}

// A real call starts the detached background gc, which pulls ahead an
// image whose next call is due (records injected around the real clock).
func TestBackgroundGCPrewarms(t *testing.T) {
	testimage.RequireDocker(t)
	reg := testimage.StartRegistry(t)
	tool, due := testimage.Push(t, reg, "sshell-e2e/bgtool"), testimage.Push(t, reg, "sshell-e2e/bgdue")
	state := t.TempDir()
	log := &cache.Log{Path: filepath.Join(state, "sshell", "calls.jsonl")}
	now := time.Now()
	for h := 5 * 24; h > 0; h-- {
		appendRec(t, log, cache.Record{V: cache.Version, Command: "lint", Image: "sshell-test.invalid/lint:1", Time: now.Add(-time.Duration(h) * time.Hour)})
	}
	last := now.Add(-5*time.Hour - 20*time.Minute) // next call in ~40m
	for i := 20; i >= 0; i-- {
		appendRec(t, log, cache.Record{V: cache.Version, Command: "bgdue", Image: due, Time: last.Add(-time.Duration(i) * 6 * time.Hour),
			Cold: i == 20, Pull: time.Second, Exec: time.Second})
	}
	cmd := sshellCmd(t, sshellBin(t), "run", "--image", tool, "--", "echo-split", "out", "err")
	cmd.Env = append(cmd.Env, "XDG_STATE_HOME="+state, "SSHELL_GC=on")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sshell run: %v\n%s", err, out)
	}
	stamp := filepath.Join(state, "sshell", "gc.stamp")
	eventually(t, "the background gc to pull "+due, func() bool { return present(due) })
	eventually(t, "the background gc to end", func() bool {
		unlock, ok, err := cache.LockGC(stamp)
		if ok {
			unlock()
		}
		return err == nil && ok
	})
}

func appendRec(t *testing.T, log *cache.Log, r cache.Record) {
	t.Helper()
	if err := log.Append(r); err != nil {
		t.Fatal(err)
	}
}

// An upgrade leaves the previous image on disk as REPO@DIGEST; gc removes
// it (sshell pulled it), keeps the tag's new image, and a rollback pulls
// the old one again.
func TestCacheGCRemovesSuperseded(t *testing.T) {
	testimage.RequireDocker(t)
	reg := testimage.StartRegistry(t)
	const repo = "sshell-e2e/gcsuperseded"
	ref := testimage.Push(t, reg, repo)
	e := newXDGEnv(t, "gcs", ref)
	e.ok("run", "gcs", "echo-split", "a", "b")
	d1 := e.lastDigest()
	old := cache.DigestRef(ref, d1)
	cleanupDigests(t, ref, &d1)
	testimage.Push(t, reg, repo)
	e.ok("upgrade", "gcs")
	d2 := e.latest("gcs")
	cleanupDigests(t, ref, &d2)
	if d2 == d1 || !present(old) {
		t.Fatalf("after the upgrade: d1 %s d2 %s, %s held %v", d1, d2, old, present(old))
	}
	dry, _ := e.ok("cache", "gc", "--dry-run")
	if !strings.Contains(dry, "would remove "+old+" (gcs, docker, ") || !strings.Contains(dry, "superseded: the tag now points to "+shortDigest(d2)) {
		t.Fatalf("gc --dry-run:\n%s", dry)
	}
	out, _ := e.ok("cache", "gc")
	t.Logf("sshell cache gc:\n%s", out)
	if present(old) || !present(ref) || !present(cache.DigestRef(ref, d2)) {
		t.Errorf("after gc: old %v, tag %v, new digest %v held; want only the new", present(old), present(ref), present(cache.DigestRef(ref, d2)))
	}
	e.ok("rollback", "gcs")
	e.ok("run", "gcs", "echo-split", "a", "b")
	if got := e.lastDigest(); got != d1 || !present(old) {
		t.Errorf("run after rollback used %s (old held %v), want %s pulled again", got, present(old), d1)
	}
}

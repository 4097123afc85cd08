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

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/internal/testimage"
)

// gc removes from the native store an image a native call pulled once the
// policy (a budget of 1 byte, at an injected clock) no longer keeps it,
// after saying so with --dry-run, and keeps one a native run in progress
// uses; a Docker image of the same records' era is not the store's.
func TestNativeCacheGC(t *testing.T) {
	reg := testimage.StartRegistry(t)
	ours, busy := testimage.Push(t, reg, "sshell-e2e/nativegc"), testimage.Push(t, reg, "sshell-e2e/nativegcbusy")
	e := newNativeEnv(t, "ngc", ours)
	writeFile(t, filepath.Join(e.config, "sshell", "manifests", "ngcbusy.toml"), "[tools.ngcbusy]\nimage = \""+busy+"\"\n")
	writeFile(t, filepath.Join(e.config, "sshell", "config.toml"), "[cache]\nmax_bytes = 1\n")
	e.ok("run", "ngc", "echo-split", "a", "b")
	e.ok("run", "ngcbusy", "echo-split", "a", "b") // a record: a candidate
	if !e.storeHas(ours) || !e.storeHas(busy) {
		t.Fatalf("the native runs did not pull into the store: %v", e.storeEntries())
	}
	sleeper := e.start("run", "ngcbusy", "sleep", "60") // in progress while gc runs
	eventually(t, "the native run of ngcbusy to start", func() bool { return nativeRunID(sleeper.Process.Pid) != "" })
	e.inProcess(runtimeNative)
	now := time.Now().Add(2 * time.Hour) // the injected clock: idle 2h, within the keep-alive; the budget decides
	var dry, out strings.Builder
	if err := gcAt(t.Context(), &dry, io.Discard, now, true); err != nil {
		t.Fatal(err)
	}
	t.Logf("sshell cache gc --dry-run:\n%s", dry.String())
	if !strings.Contains(dry.String(), "would remove "+ours+" (ngc, native, ") ||
		!strings.Contains(dry.String(), "keep "+busy+" (ngcbusy, native, ") || !strings.Contains(dry.String(), "in use by a native run in progress") ||
		!e.storeHas(ours) {
		t.Fatalf("gc --dry-run:\n%s", dry.String())
	}
	if err := gcAt(t.Context(), &out, io.Discard, now, false); err != nil {
		t.Fatal(err)
	}
	t.Logf("sshell cache gc:\n%s", out.String())
	if !strings.Contains(out.String(), "removed "+ours+" (ngc, native, ") || e.storeHas(ours) {
		t.Errorf("gc did not remove %s from the native store:\n%s", ours, out.String())
	}
	if !e.storeHas(busy) {
		t.Errorf("gc removed %s, which a native run uses:\n%s", busy, out.String())
	}
	evs, err := cache.DefaultGCLog().ReadEvents()
	if err != nil || len(evs) != 1 || evs[0].Image != ours || evs[0].Action != cache.GCRemoved || !evs[0].Time.Equal(now) {
		t.Errorf("gc events %+v (%v), want the removal of %s at %v", evs, err, ours, now)
	}
	stopRun(t, sleeper)
}

// The pre-warm pulls into the native store the image of a command whose
// records say it ran there and whose next call is due, for the platform
// its manifest names (a multi-platform image; not the host's own), and
// leaves one not yet due. Records and clock are injected, as in
// TestCacheGCPrewarm.
func TestNativePrewarm(t *testing.T) {
	reg := testimage.StartRegistry(t)
	due := testimage.PushIndex(t, reg, "sshell-e2e/nativeprewarmdue", "1", "linux/amd64", "linux/arm64")
	later := testimage.Push(t, reg, "sshell-e2e/nativeprewarmlater")
	e := newNativeEnv(t, "due", due)
	manifests := filepath.Join(e.config, "sshell", "manifests")
	writeFile(t, filepath.Join(manifests, "due.toml"), "[tools.due]\nimage = \""+due+"\"\nplatform = \"linux/arm64\"\n")
	writeFile(t, filepath.Join(manifests, "later.toml"), "[tools.later]\nimage = \""+later+"\"\n")
	e.inProcess(runtimeNative)
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	log := cache.DefaultLog()
	for h := 5 * 24; h > 0; h-- { // another command, every hour, warm: not a candidate; its calls start the gc runs
		appendRec(t, log, cache.Record{V: cache.Version, Command: "lint", Image: "sshell-test.invalid/lint:1",
			Time: now.Add(-time.Duration(h)*time.Hour + 15*time.Minute), Runtime: runtimeNative})
	}
	regular := func(cmd, ref string, last time.Time) {
		for i := 20; i >= 0; i-- {
			appendRec(t, log, cache.Record{V: cache.Version, Command: cmd, Image: ref, Time: last.Add(-time.Duration(i) * 6 * time.Hour),
				Cold: i == 20, Pull: time.Second, PullBytes: 4 << 20, Exec: time.Second, Runtime: runtimeNative})
		}
	}
	regular("due", due, now.Add(-5*time.Hour-20*time.Minute)) // next call in ~40m
	regular("later", later, now.Add(-time.Hour))              // next call in ~5h
	var out strings.Builder
	if err := gcAt(t.Context(), &out, io.Discard, now, false); err != nil {
		t.Fatal(err)
	}
	t.Logf("sshell cache gc:\n%s", out.String())
	got, ok := e.storeEntries()[canonicalRef(t, due)]
	if !strings.Contains(out.String(), "pulled "+due+" (due, native, ") || !ok {
		t.Fatalf("gc did not pull %s ahead into the native store:\n%s", due, out.String())
	}
	if got.Platform != "linux/arm64" {
		t.Errorf("the pre-warm pulled %s for %s, want its manifest's linux/arm64", due, got.Platform)
	}
	if e.storeHas(later) {
		t.Errorf("gc pulled %s, whose next call is not due:\n%s", later, out.String())
	}
	if exec.Command("docker", "image", "inspect", due).Run() == nil {
		t.Errorf("the pre-warm pulled %s onto Docker, where it never ran", due)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// start starts sshell with args in e, without waiting.
func (e *xdgEnv) start(args ...string) *exec.Cmd {
	e.t.Helper()
	cmd := sshellCmd(e.t, e.bin, args...)
	cmd.Env = append(cmd.Env, "XDG_CONFIG_HOME="+e.config, "XDG_STATE_HOME="+e.state,
		"XDG_DATA_HOME="+e.data, "XDG_CACHE_HOME="+e.cacheHome)
	cmd.Env = append(cmd.Env, e.env...)
	if err := cmd.Start(); err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd
}

// stopRun ends a run start began, and waits for it.
func stopRun(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
}

// With the Docker daemon unreachable, gc, ls and purge say so in one line
// and still act on the native store: gc removes by policy, purge removes
// the store and sshell's directories.
func TestNativeWithoutDocker(t *testing.T) {
	reg := testimage.StartRegistry(t)
	ref := testimage.Push(t, reg, "sshell-e2e/nativenodocker")
	e := newNativeEnv(t, "nnd", ref)
	writeFile(t, filepath.Join(e.config, "sshell", "config.toml"), "[cache]\nmax_bytes = 1\n")
	e.ok("run", "nnd", "echo-split", "a", "b")
	e.env = append(e.env, "DOCKER_HOST=unix://"+filepath.Join(t.TempDir(), "no-daemon.sock"))
	ls, errOut := e.ok("cache", "ls")
	if !strings.Contains(errOut, "sshell: note: skipping Docker's images: ") || strings.Count(errOut, "\n") != 1 || !strings.Contains(ls, ref) {
		t.Errorf("cache ls without Docker: stdout\n%s\nstderr\n%s", ls, errOut)
	}
	out, errOut := e.ok("cache", "gc")
	if !strings.Contains(out, "removed "+ref+" (nnd, native, ") || e.storeHas(ref) || !strings.Contains(errOut, "skipping Docker") {
		t.Errorf("cache gc without Docker: stdout\n%s\nstderr\n%s", out, errOut)
	}
	e.ok("run", "nnd", "echo-split", "a", "b") // pulls it again
	out, errOut = e.ok("purge", "--yes")
	t.Logf("sshell purge --yes without Docker:\n%s%s", out, errOut)
	if !strings.Contains(errOut, "sshell: note: skipping Docker: ") || !strings.Contains(out, "removed the native image store") {
		t.Errorf("purge without Docker: stdout\n%s\nstderr\n%s", out, errOut)
	}
	for _, d := range []string{e.state, e.data} {
		if _, err := os.Stat(filepath.Join(d, "sshell")); !os.IsNotExist(err) {
			t.Errorf("%s/sshell remains after purge (%v)", d, err)
		}
	}
}

// While a native run is in progress whose command's tag an upgrade moved
// since it started, gc removes nothing from the native store (a removal
// collects what no reference holds: that run's layers); once it ended, gc
// removes again.
func TestNativeGCHoldsDuringUpgradedRun(t *testing.T) {
	reg := testimage.StartRegistry(t)
	const repo = "sshell-e2e/nativegcupgraded"
	other := testimage.Push(t, reg, "sshell-e2e/nativegcother")
	ref := testimage.Push(t, reg, repo)
	e := newNativeEnv(t, "ngo", other)
	writeFile(t, filepath.Join(e.config, "sshell", "manifests", "ngu.toml"), "[tools.ngu]\nimage = \""+ref+"\"\n")
	e.ok("run", "ngo", "echo-split", "a", "b")
	e.ok("run", "ngu", "echo-split", "a", "b")
	sleeper := e.start("run", "ngu", "sleep", "60")
	eventually(t, "the native run of ngu to start", func() bool { return nativeRunID(sleeper.Process.Pid) != "" })
	testimage.Push(t, reg, repo)
	e.ok("upgrade", "ngu")
	writeFile(t, filepath.Join(e.config, "sshell", "config.toml"), "[cache]\nmax_bytes = 1\n")
	out, _ := e.ok("cache", "gc")
	t.Logf("sshell cache gc during the run:\n%s", out)
	if !e.storeHas(other) || !strings.Contains(out, "keep "+other+" (ngo, native, ") || !strings.Contains(out, "a native run of ngu is in progress, and its tag moved") {
		t.Fatalf("gc during an upgraded native run removed %s, or did not say why it kept it:\n%s", other, out)
	}
	stopRun(t, sleeper)
	out, _ = e.ok("cache", "gc")
	if e.storeHas(other) || !strings.Contains(out, "removed "+other+" (ngo, native, ") {
		t.Errorf("gc after the run did not remove %s:\n%s", other, out)
	}
}

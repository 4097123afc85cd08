//go:build linux

package main

import (
	"os/exec"
	"testing"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/internal/testimage"
)

// The upgrade test of TestUpgradePinRollbackOffline on the native runtime:
// the runs, the background check, `sshell upgrade`, pin, rollback and the
// offline notice all use the native store, and nothing goes to Docker.
func TestNativeUpgradePinRollbackOffline(t *testing.T) {
	reg := testimage.StartRegistry(t)
	const repo = "sshell-e2e/nativeupgrade"
	ref := testimage.Push(t, reg, repo)
	e := newNativeEnv(t, "upt", ref)
	run := func() string { e.ok("run", "upt", "echo-split", "a", "b"); return e.lastDigest() }
	d1 := run()
	if !e.storeHas(ref) {
		t.Fatalf("the native run did not pull %s into the store", ref)
	}
	testimage.Push(t, reg, repo)
	if _, _, code := e.try([]string{cache.UpgradeTTLEnv + "=0s"}, "run", "upt", "echo-split", "a", "b"); code != 0 || e.lastDigest() != d1 {
		t.Fatalf("stale run: exit %d digest %s, want 0 and the cached %s", code, e.lastDigest(), d1)
	}
	eventually(t, "the background check to record the new digest", func() bool { return e.latest("upt") != d1 })
	eventually(t, "the background check to end", func() bool { return !e.upgrades().Busy() })
	d2 := e.latest("upt")
	if got := e.storeEntries()[canonicalRef(t, ref)].Digest; got != d2 {
		t.Fatalf("after the background check the store holds %s at %s, want %s", ref, got, d2)
	}
	if got := run(); got != d2 {
		t.Fatalf("the run after the check used %s, want the new %s", got, d2)
	}
	checkPinUpgrade(t, e, reg, repo, run, d1, d2)
	checkOffline(t, e, reg, ref)
	recs, err := (&cache.Log{Path: e.state + "/sshell/calls.jsonl"}).Read()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.Runtime != runtimeNative {
			t.Errorf("record %+v: runtime %q, want native", r, r.Runtime)
		}
	}
	if exec.Command("docker", "image", "inspect", ref).Run() == nil {
		t.Errorf("Docker holds %s: an upgrade or run went to Docker", ref)
	}
}

// The background check a run starts pulls onto the runtime that run used,
// even when --runtime chose it against $SSHELL_RUNTIME (docker here).
func TestBackgroundUpgradeFollowsRunRuntime(t *testing.T) {
	requireNative(t)
	reg := testimage.StartRegistry(t)
	const repo = "sshell-e2e/bgupgraderuntime"
	ref := testimage.Push(t, reg, repo)
	e := newXDGEnv(t, "bgr", ref) // SSHELL_RUNTIME=docker
	e.ok("run", "--runtime", "native", "bgr", "echo-split", "a", "b")
	d1 := e.lastDigest()
	testimage.Push(t, reg, repo)
	e.try([]string{cache.UpgradeTTLEnv + "=0s"}, "run", "--runtime", "native", "bgr", "echo-split", "a", "b")
	eventually(t, "the background check to record the new digest", func() bool { return e.latest("bgr") != d1 })
	eventually(t, "the background check to end", func() bool { return !e.upgrades().Busy() })
	if got, want := e.storeEntries()[canonicalRef(t, ref)].Digest, e.latest("bgr"); got != want {
		t.Errorf("the native store holds %s at %s, want the new %s", ref, got, want)
	}
	if exec.Command("docker", "image", "inspect", ref).Run() == nil {
		_ = exec.Command("docker", "rmi", "-f", ref).Run()
		t.Errorf("the background check pulled %s onto Docker, not the run's native runtime", ref)
	}
	// The tag moved on: gc removes the image it left in the store (superseded).
	old := cache.DigestRef(ref, d1)
	if !e.storeGets(old) {
		t.Fatalf("before gc the store does not find %s: the case below would prove nothing", old)
	}
	out, _ := e.ok("cache", "gc")
	if e.storeGets(old) || !e.storeHas(ref) {
		t.Errorf("after gc the store finds %s %v (want not), holds %s %v (want it):\n%s", old, e.storeGets(old), ref, e.storeHas(ref), out)
	}
}

// An image only prefetched into the native store (no call pulled it, so
// no record names its digest) is collected by gc's tidy once an upgrade
// moved its tag on.
func TestNativeTidyAfterUpgrade(t *testing.T) {
	reg := testimage.StartRegistry(t)
	const repo = "sshell-e2e/nativetidy"
	ref := testimage.Push(t, reg, repo)
	e := newNativeEnv(t, "ntd", ref)
	e.ok("cache", "prefetch", "ntd")
	old := cache.DigestRef(ref, e.latest("ntd"))
	testimage.Push(t, reg, repo)
	e.ok("upgrade", "ntd")
	if !e.storeGets(old) || cache.DigestRef(ref, e.latest("ntd")) == old {
		t.Fatalf("after the upgrade the store does not find %s, or the tag did not move: the case below would prove nothing", old)
	}
	out, _ := e.ok("cache", "gc")
	if e.storeGets(old) || !e.storeHas(ref) {
		t.Errorf("after gc the store finds %s %v (want not), holds %s %v (want it):\n%s", old, e.storeGets(old), ref, e.storeHas(ref), out)
	}
}

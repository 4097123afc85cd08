//go:build linux

package main

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/internal/testimage"
)

// A new image pushed under the same tag is found by the background check
// the next stale run starts, and the call after uses it; a pin holds the
// old digest through upgrades; rollback returns to the previous one; with
// the registry down the cached image runs, after a notice.
func TestUpgradePinRollbackOffline(t *testing.T) {
	testimage.RequireDocker(t)
	reg := testimage.StartRegistry(t)
	const repo = "sshell-e2e/upgradetool"
	ref := testimage.Push(t, reg, repo)
	e := newXDGEnv(t, "upt", ref)
	run := func() string { e.ok("run", "upt", "echo-split", "a", "b"); return e.lastDigest() }
	d1 := run()
	cleanupDigests(t, ref, &d1)
	testimage.Push(t, reg, repo)
	if _, _, code := e.try([]string{cache.UpgradeTTLEnv + "=0s"}, "run", "upt", "echo-split", "a", "b"); code != 0 || e.lastDigest() != d1 {
		t.Fatalf("stale run: exit %d digest %s, want 0 and the cached %s", code, e.lastDigest(), d1)
	}
	eventually(t, "the background check to record the new digest", func() bool { return e.latest("upt") != d1 })
	eventually(t, "the background check to end", func() bool { return !e.upgrades().Busy() })
	d2 := e.latest("upt")
	cleanupDigests(t, ref, &d2)
	if got := run(); got != d2 {
		t.Fatalf("the run after the check used %s, want the new %s", got, d2)
	}
	checkPinUpgrade(t, e, reg, repo, run, d1, d2)
	checkOffline(t, e, reg, ref)
	t.Logf("d1 %s d2 %s", d1, d2)
}

// checkPinUpgrade pins d1, pushes d3, and wants upgrades to skip the pin,
// unpin to follow the tag to d3, and rollback to return to d2.
func checkPinUpgrade(t *testing.T, e *xdgEnv, reg *testimage.Registry, repo string, run func() string, d1, d2 string) {
	e.ok("pin", "upt", d1)
	if got := run(); got != d1 {
		t.Fatalf("pinned run used %s, want %s", got, d1)
	}
	ref := testimage.Push(t, reg, repo)
	if out, _ := e.ok("upgrade", "upt"); !strings.Contains(out, "upt: pinned to ") {
		t.Errorf("upgrade of a pinned command: %q", out)
	}
	if got := run(); got != d1 {
		t.Fatalf("pinned run after upgrade used %s, want %s", got, d1)
	}
	e.ok("unpin", "upt")
	out, _ := e.ok("upgrade")
	d3 := e.latest("upt")
	cleanupDigests(t, ref, &d3)
	if d3 == d2 || out != "upt: "+shortDigest(d2)+" -> "+shortDigest(d3)+"\n" {
		t.Fatalf("upgrade after unpin: %q (d2 %s, d3 %s)", out, d2, d3)
	}
	if got := run(); got != d3 {
		t.Fatalf("run after upgrade used %s, want %s", got, d3)
	}
	if out, _ := e.ok("upgrade", "upt"); !strings.HasSuffix(out, "up to date\n") {
		t.Errorf("second upgrade: %q, want up to date", out)
	}
	out, _ = e.ok("rollback", "upt")
	t.Logf("sshell rollback upt: %s", out)
	if got := run(); got != d2 {
		t.Fatalf("run after rollback used %s, want the previous %s", got, d2)
	}
	e.ok("unpin", "upt")
}

// checkOffline stops the registry: `run --pull always` and `upgrade` use
// the cached image, with a notice, and succeed.
func checkOffline(t *testing.T, e *xdgEnv, reg *testimage.Registry, ref string) {
	cached := e.latest("upt")
	reg.Close()
	notice := "notice: registry " + reg.Host() + " unreachable; using the cached image (digest " + cached + ")"
	_, errOut := e.ok("run", "--pull", "always", "upt", "echo-split", "a", "b")
	t.Logf("run with the registry down, stderr: %s", errOut)
	if !strings.Contains(errOut, "sshell: "+notice) || e.lastDigest() != cached {
		t.Errorf("run with the registry down: stderr %q digest %s; want the notice and %s", errOut, e.lastDigest(), cached)
	}
	if out, _ := e.ok("upgrade", "upt"); out != "upt: "+notice+"\n" {
		t.Errorf("upgrade with the registry down: %q, want the notice", out)
	}
}

// cleanupDigests removes REPO@DIGEST from the daemon when the test ends:
// an image the tag no longer names is not found by its repository.
func cleanupDigests(t *testing.T, ref string, digest *string) {
	d := *digest
	t.Cleanup(func() { _ = exec.Command("docker", "rmi", "-f", cache.DigestRef(ref, d)).Run() })
}

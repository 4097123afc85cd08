//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/internal/testimage"
)

// After `sshell purge --yes` nothing sshell made remains (its pulled
// images, a container and a volume it left behind, its directories),
// while the user's own image and container, made with the docker CLI, and
// the user's manifests are untouched; an image sshell pulled that a
// container of the user's uses is kept, and purge says so. Without --yes nothing is removed.
// On the native runtime (real runs through `sshell run --runtime native`):
// while a native run is in progress purge keeps the store and says so;
// once its sshell is killed, purge removes the store, the run's state
// directory and its cgroup, and leaves the Docker image of the same
// reference, which the user pulled.
func TestPurge(t *testing.T) {
	testimage.RequireDocker(t)
	reg := testimage.StartRegistry(t)
	ref := testimage.Push(t, reg, "sshell-e2e/purgetool")
	userRef := testimage.Push(t, reg, "sshell-e2e/purgeuser")
	e := newXDGEnv(t, "pt", ref)
	e.ok("run", "pt", "echo-split", "a", "b")
	digestRef := cache.DigestRef(ref, e.lastDigest())
	dockerOut(t, "pull", "-q", userRef)
	userCtr := dockerCreateRm(t, userRef)
	// An image sshell pulled that a container of the user's then used: kept.
	sharedRef := testimage.Push(t, reg, "sshell-e2e/purgeshared")
	e.ok("run", "--image", sharedRef, "echo-split", "a", "b")
	sharedCtr := dockerCreateRm(t, sharedRef)
	// An image the user pulled, then ran through a manifest: the run found
	// it (warm) and its digest joined the history, but sshell never pulled it.
	warmRef := testimage.Push(t, reg, "sshell-e2e/purgewarm")
	dockerOut(t, "pull", "-q", warmRef)
	if err := os.WriteFile(filepath.Join(e.config, "sshell", "manifests", "pw.toml"), []byte("[tools.pw]\nimage = \""+warmRef+"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e.ok("run", "pw", "echo-split", "a", "b")
	if e.latest("pw") == "" {
		t.Fatal("the warm run of pw was not tracked: the case below would prove nothing")
	}
	leftCtr := dockerCreateRm(t, "--label", "io.sshell.managed=true", ref) // as a crashed sshell leaves it
	elsewhere := dockerCreateRm(t, "--label", "io.sshell.managed=true", "--label", "io.sshell.owner.host=elsewhere.invalid",
		"--label", "io.sshell.owner.pid=999999", userRef) // sshell's on another host sharing the daemon: kept
	vol := dockerOut(t, "volume", "create", "--label", "io.sshell.managed=true")
	t.Cleanup(func() { _ = exec.Command("docker", "volume", "rm", "-f", vol).Run() })
	for _, d := range []string{e.data, e.cacheHome} {
		touchFile(t, filepath.Join(d, "sshell", "repos", "team", "manifest.toml"))
	}
	native := purgeNativeSetup(t, e, reg, userRef)
	out, _, code := e.try(nil, "purge")
	if code != exitUsage || !strings.Contains(out, "would remove image "+ref) || !strings.Contains(out, "would remove volume "+vol) {
		t.Fatalf("purge without --yes: exit %d, want %d, and the list:\n%s", code, exitUsage, out)
	}
	if !dockerHas(t, "image", ref) || !dockerHas(t, "container", leftCtr) {
		t.Fatal("purge without --yes removed something")
	}
	out = native.purgeTwice(t, e)
	t.Logf("sshell purge --yes:\n%s", out)
	for _, gone := range [][2]string{{"image", ref}, {"image", digestRef}, {"container", leftCtr}, {"volume", vol}} {
		if dockerHas(t, gone[0], gone[1]) {
			t.Errorf("%s %s remains after purge", gone[0], gone[1])
		}
	}
	for _, d := range []string{e.state, e.data, e.cacheHome} {
		if _, err := os.Stat(filepath.Join(d, "sshell")); !os.IsNotExist(err) {
			t.Errorf("%s/sshell remains after purge (%v)", d, err)
		}
	}
	if !dockerHas(t, "image", userRef) || !dockerHas(t, "container", userCtr) {
		t.Error("purge removed the user's own image or container")
	}
	if !dockerHas(t, "image", warmRef) || strings.Contains(out, warmRef) {
		t.Errorf("purge touched %s, the user's own image that a run only found:\n%s", warmRef, out)
	}
	if !dockerHas(t, "container", elsewhere) {
		t.Error("purge removed the container of sshell on another host")
	}
	if !dockerHas(t, "image", sharedRef) || !dockerHas(t, "container", sharedCtr) || !strings.Contains(out, "kept image "+sharedRef) {
		t.Error("purge removed an image a container of the user's uses, or its container, or did not say it kept it")
	}
	if _, err := os.Stat(filepath.Join(e.config, "sshell", "manifests", "pt.toml")); err != nil {
		t.Errorf("purge removed the user's manifest: %v", err)
	}
	native.check(t, e)
}

// dockerCreateRm creates a container with the docker CLI, removed at the end.
func dockerCreateRm(t *testing.T, args ...string) string {
	id := dockerOut(t, append([]string{"create"}, args...)...)
	t.Cleanup(func() { _ = exec.Command("docker", "rm", "-f", id).Run() })
	return id
}

// dockerHas reports whether the daemon holds the object (image, container, volume).
func dockerHas(t *testing.T, kind, id string) bool {
	return exec.Command("docker", kind, "inspect", id).Run() == nil
}

func touchFile(t *testing.T, path string) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// An image sshell pulled whose call records have rotated away is still
// sshell's: gc lists it and purge removes it (the memory of pulled images).
func TestPurgeAfterRotation(t *testing.T) {
	ref := e2eImage(t, "sshell-e2e/purgerotated")
	e := newXDGEnv(t, "pr", ref)
	e.ok("run", "--image", ref, "echo-split", "a", "b")
	if err := os.Remove(filepath.Join(e.state, "sshell", "calls.jsonl")); err != nil { // as two rotations would
		t.Fatal(err)
	}
	if out, _ := e.ok("cache", "gc", "--dry-run"); !strings.Contains(out, "keep "+ref+" (purgerotated, docker, ") {
		t.Errorf("gc --dry-run does not list %s:\n%s", ref, out)
	}
	out, _ := e.ok("purge", "--yes")
	if dockerHas(t, "image", ref) || !strings.Contains(out, "removed image "+ref) {
		t.Errorf("purge left %s:\n%s", ref, out)
	}
}

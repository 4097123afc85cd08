//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

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
	if !strings.Contains(dry, "would remove "+ours+" (gcours, ") || strings.Contains(dry, users) || !present(ours) {
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
	if !present(users) {
		t.Errorf("gc removed the user's image %s", users)
	}
	if !strings.Contains(out, "keep "+busy+" (gcbusy, ") || !strings.Contains(out, "in use by an sshell container") || !present(busy) {
		t.Errorf("gc did not keep %s, in use:\n%s", busy, out)
	}
}

func present(ref string) bool { return exec.Command("docker", "image", "inspect", ref).Run() == nil }

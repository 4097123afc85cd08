//go:build linux

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// 8. SSHELL_HOOK=off and SSHELL_HOOK_SKIP, read at every call.
func shellOffAndSkip(t *testing.T, fx *shellFixture, k shellKind) {
	w := fx.world(t)
	s := k.start(t, w, k.initLine())
	own := fmt.Sprintf(k.notFound, e2eTool)
	for _, set := range [][2]string{{"SSHELL_HOOK", "off"}, {"SSHELL_HOOK_SKIP", "x " + e2eTool + " y"}} {
		s.wantRun(fmt.Sprintf(k.setenv, set[0], set[1]), 0)
		s.wantRun(e2eTool+" exit 42", 127, own)
		s.wantRun(fmt.Sprintf(k.unsetenv, set[0]), 0)
	}
	s.wantRun(fmt.Sprintf(k.setenv, "SSHELL_HOOK_SKIP", "x"), 0)
	s.wantRun(fmt.Sprintf(k.setenv, "SSHELL_HOOK", "Off"), 0) // only "off" is off
	s.wantRun(e2eTool+" exit 42", 42)
	// Off is decided in the shell: a missing sshell is not even looked for.
	if err := os.Rename(w.bin, w.bin+".moved"); err != nil {
		t.Fatal(err)
	}
	s.wantRun(fmt.Sprintf(k.setenv, "SSHELL_HOOK", "off"), 0)
	if out := s.wantRun(e2eTool+" exit 42", 127, own); strings.Contains(out, "reinstall") {
		t.Errorf("with the hook off the handler looked for sshell:\n%s", out)
	}
}

// Manifests are read at every call: one added after the shell started
// works at once (in fish the first call's status is lost and the handler
// defines the wrapper for the next: documented), one removed leaves the
// shell's own line.
func shellManifestChanges(t *testing.T, fx *shellFixture, k shellKind) {
	w := fx.world(t)
	s := k.start(t, w, k.initLine())
	dir := filepath.Join(w.home, ".config", "sshell", "manifests")
	w.write(t, dir, "late.toml", fmt.Sprintf("[tools.qqlate]\nimage = %q\n", fx.ref), 0o644)
	s.wantRun(`qqlate echo-split ad""ded ''`, k.handlerStatus(0), "added")
	s.wantRun("qqlate exit 42", 42)
	if err := os.Remove(filepath.Join(dir, e2eTool+".toml")); err != nil {
		t.Fatal(err)
	}
	s.wantRun(e2eTool+" exit 42", 127, fmt.Sprintf(k.notFound, e2eTool))
}

// With the daemon unreachable a known command fails with sshell's one line
// and 125; unknown commands are not affected at all.
func shellDaemonDown(t *testing.T, fx *shellFixture, k shellKind) {
	s := k.start(t, fx.world(t), k.initLine(), "DOCKER_HOST=unix:///nonexistent/docker.sock")
	out := s.wantRun(e2eTool+" exit 0", 125, "sshell: cannot reach the Docker daemon at unix:///nonexistent/docker.sock (DOCKER_HOST)")
	if n := strings.Count(out, "sshell:"); n != 1 {
		t.Errorf("%d sshell lines, want one:\n%s", n, out)
	}
	s.wantRun(e2eUnknown, 127, fmt.Sprintf(k.notFound, e2eUnknown))
}

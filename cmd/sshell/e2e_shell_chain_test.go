//go:build linux

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sshell/sshell/shells"
)

// 6. A handler defined before the init line gets the unknown commands,
// once, even with the init line loaded twice and again in the session.
func shellChained(t *testing.T, fx *shellFixture, k shellKind) {
	s := k.start(t, fx.world(t), k.prev+"\n"+k.initLine()+k.initLine())
	prev := "PREV: " + e2eUnknown
	out := s.wantRun(e2eUnknown+" a", k.handlerStatus(3), prev)
	if own := fmt.Sprintf(k.notFound, e2eUnknown); strings.Contains(out, own) {
		t.Errorf("the shell's own line printed beside the previous handler's:\n%s", out)
	}
	if out := s.wantRun(e2eTool+" exit 42", 42); strings.Contains(out, "PREV:") {
		t.Errorf("the previous handler ran for a known command:\n%s", out)
	}
	s.wantRun(strings.TrimSuffix(k.initLine(), "\n"), 0)
	s.wantRun(e2eUnknown, k.handlerStatus(3), prev)
	s.wantRun(e2eTool+" exit 3", 3)
}

// 7a. sshell moved away after the hook was loaded: one line, 127, no loop.
func shellMissingBinary(t *testing.T, fx *shellFixture, k shellKind) {
	w := fx.world(t)
	s := k.start(t, w, k.initLine())
	recorded, err := filepath.EvalSymlinks(w.bin) // what init recorded
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(w.bin, w.bin+".moved"); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{e2eTool + " exit 42", e2eUnknown} {
		s.wantRun(cmd, 127, shells.MissingMessage(recorded))
	}
}

// 7b. A shell started under a hook call (SSHELL_HOOK_DEPTH inherited):
// sshell refuses with one line and 126 instead of running anything.
func shellRecursion(t *testing.T, fx *shellFixture, k shellKind) {
	s := k.start(t, fx.world(t), k.initLine(), "SSHELL_HOOK_DEPTH=1")
	line := hookRecursionLine
	s.wantRun(e2eTool+" exit 42", 126, line)
	s.wantRun(e2eUnknown, k.handlerStatus(126), line)
}

// hookRecursionLine is the heart of sshell's refusal to recurse.
const hookRecursionLine = `sshell: SSHELL_HOOK_DEPTH="2": command-not-found hook called from within a command sshell runs`

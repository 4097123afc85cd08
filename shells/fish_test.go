package shells

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Behaviour only fish has: wrapper functions, because fish drops the status
// of fish_command_not_found.

func fishSession(t *testing.T, f fake) *session {
	t.Helper()
	if _, err := exec.LookPath("fish"); err != nil {
		t.Skip("fish is not installed")
	}
	return specs[2].start(t, f)
}

func TestFishHandlerDefinesWrapperForNextCall(t *testing.T) {
	f := newFake(t)
	s := fishSession(t, f)
	specs[2].load(t, s, f.Bin)
	out, st := s.run(lateTool + " x")
	wantStatus(t, out, st, 127) // fish's limit on the handler path
	wantOnce(t, out, "ran hook --shell fish -- "+lateTool+" x")
	run := "depth=1 [hook] [--shell] [fish] [--] [" + lateTool + "] [%s]"
	wantCalls(t, f, fmt.Sprintf(knownCall, lateTool), fmt.Sprintf(run, "x"))
	out, st = s.run(lateTool + " y")
	wantStatus(t, out, st, 42)
	wantCalls(t, f, fmt.Sprintf(run, "y"))
}

func TestFishNoWrapperOverInstalledOrUserCommands(t *testing.T) {
	f := newFake(t)
	s := fishSession(t, f)
	s.run("function " + tool + "; echo mine; end")
	p := hookFile(t, "fish", Options{Bin: f.Bin, Commands: []string{"sh", tool}})
	s.run(fmt.Sprintf("source '%s'", p))
	if out, st := s.run("functions -q sh"); st != 1 {
		t.Errorf("a wrapper shadows the installed sh:\n%s", out)
	}
	out, st := s.run(tool)
	wantStatus(t, out, st, 0)
	wantOnce(t, out, "\nmine")
	wantCalls(t, f)
}

func TestFishWrapperPrefersCommandInstalledLater(t *testing.T) {
	f := newFake(t)
	s := fishSession(t, f)
	specs[2].load(t, s, f.Bin)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, tool), []byte("#!/bin/sh\necho host \"$@\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	s.run(fmt.Sprintf("set -gx PATH '%s' $PATH", dir))
	out, st := s.run(tool + " a")
	wantStatus(t, out, st, 0)
	wantOnce(t, out, "host a")
	wantCalls(t, f)
}

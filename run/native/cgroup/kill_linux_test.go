package cgroup

import (
	"strings"
	"testing"

	"github.com/sshell/sshell/run"
)

// TestKillKillsTree kills a shell and its three background children.
func TestKillKillsTree(t *testing.T) {
	needRoot(t)
	g := newGroup(t, "kill", run.Limits{})
	p := start(t, "", "/bin/sh", "-c", `read x; sleep 100 & sleep 100 & sleep 100 & echo ready; wait`)
	if err := g.Add(p.cmd.Process.Pid); err != nil {
		t.Fatal(err)
	}
	p.stdin.Write([]byte("go\n"))
	if line, err := p.out.ReadString('\n'); err != nil || strings.TrimSpace(line) != "ready" {
		t.Fatalf("shell said %q, %v", line, err)
	}
	procs, err := g.procs()
	if err != nil {
		t.Fatal(err)
	}
	if len(procs) != 4 {
		t.Fatalf("group holds %v, want the shell and 3 sleeps", procs)
	}
	if err := g.Kill(); err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Wait(); err == nil || !strings.Contains(err.Error(), "killed") {
		t.Errorf("shell ended with %v, want killed", err)
	}
	if err := g.Remove(); err != nil {
		t.Fatalf("Remove after Kill: %v", err)
	}
	left, err := List(testPrefix() + "kill")
	if err != nil || len(left) != 0 {
		t.Errorf("List after Remove = %v, %v; want nothing", left, err)
	}
}

func TestKillEmptyGroup(t *testing.T) {
	needRoot(t)
	g := newGroup(t, "kill-empty", run.Limits{})
	if err := g.Kill(); err != nil {
		t.Error(err)
	}
}

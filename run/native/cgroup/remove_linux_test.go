package cgroup

import (
	"os"
	"testing"

	"github.com/sshell/sshell/run"
)

func TestRemoveAfterExitAndTwice(t *testing.T) {
	needRoot(t)
	g := newGroup(t, "remove", run.Limits{})
	p := start(t, "exit")
	if err := g.Add(p.cmd.Process.Pid); err != nil {
		t.Fatal(err)
	}
	p.stdin.Write([]byte{1})
	if err := p.cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if err := g.Remove(); err != nil {
		t.Fatal(err)
	}
	for _, d := range g.dirs {
		if _, err := os.Stat(d); !os.IsNotExist(err) {
			t.Errorf("%s still there (%v)", d, err)
		}
	}
	if err := g.Remove(); err != nil {
		t.Errorf("second Remove: %v", err)
	}
}

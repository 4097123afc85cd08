package cgroup

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/sshell/sshell/run"
)

func TestAddMovesProcess(t *testing.T) {
	needRoot(t)
	g := newGroup(t, "add", run.Limits{})
	p := start(t, "exit")
	pid := p.cmd.Process.Pid
	if err := g.Add(pid); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cgroup")
	if err != nil {
		t.Fatal(err)
	}
	// Every hierarchy the group spans lists the process under the id.
	if n := strings.Count(string(b), "/"+g.ID()+"\n"); n != len(g.dirs) {
		t.Errorf("/proc/%d/cgroup names the group %d times, want %d:\n%s", pid, n, len(g.dirs), b)
	}
	procs, err := g.procs()
	if err != nil || len(procs) != 1 || procs[0] != pid {
		t.Errorf("procs = %v, %v; want [%d]", procs, err, pid)
	}
	p.stdin.Write([]byte{1})
	if err := p.cmd.Wait(); err != nil {
		t.Fatal(err)
	}
}

func TestAddGoneProcessFails(t *testing.T) {
	needRoot(t)
	g := newGroup(t, "add-gone", run.Limits{})
	p := start(t, "exit")
	p.stdin.Write([]byte{1})
	p.cmd.Wait()
	if err := g.Add(p.cmd.Process.Pid); err == nil {
		t.Error("Add of a reaped process succeeded")
	}
}

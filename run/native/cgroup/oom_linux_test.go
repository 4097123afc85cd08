package cgroup

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/sshell/sshell/run"
)

func TestOOMKilled(t *testing.T) {
	needRoot(t)
	g := newGroup(t, "oom", run.Limits{Memory: 32 << 20})
	p := start(t, "alloc")
	if err := g.Add(p.cmd.Process.Pid); err != nil {
		t.Fatal(err)
	}
	p.stdin.Write([]byte{1})
	err := p.cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("helper allocating 512 MiB under a 32 MiB limit: %v, want killed", err)
	}
	if ws := ee.Sys().(syscall.WaitStatus); !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("helper ended with %v, want SIGKILL", ws)
	}
	if !g.OOMKilled() {
		t.Error("OOMKilled() = false after an OOM kill")
	}
}

func TestOOMKilledFalseOnOrdinaryExit(t *testing.T) {
	needRoot(t)
	g := newGroup(t, "no-oom", run.Limits{Memory: 64 << 20})
	p := start(t, "exit")
	if err := g.Add(p.cmd.Process.Pid); err != nil {
		t.Fatal(err)
	}
	p.stdin.Write([]byte{1})
	if err := p.cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if g.OOMKilled() {
		t.Error("OOMKilled() = true after an ordinary exit")
	}
}

// TestOOMKilledFiles checks the parsing of each version's files on a fake
// directory tree (file-level logic only: no kernel involved).
func TestOOMKilledFiles(t *testing.T) {
	cases := []struct {
		v2    bool
		files map[string]string
		want  bool
	}{
		{true, map[string]string{"memory.events": "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\noom_group_kill 0\n"}, true},
		{true, map[string]string{"memory.events": "low 0\nhigh 0\nmax 3\noom 0\noom_kill 0\n"}, false},
		{false, map[string]string{"memory.oom_control": "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n"}, true},
		{false, map[string]string{"memory.oom_control": "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n", "memory.failcnt": "9\n"}, false},
		{false, map[string]string{"memory.oom_control": "oom_kill_disable 0\nunder_oom 0\n", "memory.failcnt": "9\n"}, true},
		{false, map[string]string{"memory.oom_control": "oom_kill_disable 0\nunder_oom 0\n", "memory.failcnt": "0\n"}, false},
		{false, map[string]string{}, false},
	}
	for i, c := range cases {
		dir := t.TempDir()
		for name, content := range c.files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		g := &Group{v2: c.v2, dirs: []string{dir}, mem: dir}
		if got := g.OOMKilled(); got != c.want {
			t.Errorf("case %d (%v): OOMKilled() = %v, want %v", i, c.files, got, c.want)
		}
	}
}

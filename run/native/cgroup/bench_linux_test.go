package cgroup

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/sshell/sshell/run"
)

// BenchmarkNewAddRemove measures a run's cgroup hot path: New with the
// default limits, Add of a process, Remove. The process is moved out again
// (untimed) before Remove, as it would have exited in a real run.
func BenchmarkNewAddRemove(b *testing.B) {
	needRoot(b)
	cmd := exec.Command("sleep", "1000")
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	pid := strconv.Itoa(cmd.Process.Pid)
	lay := current()
	b.ResetTimer()
	for i := range b.N {
		g, err := New(fmt.Sprintf("%sbench-%d", testPrefix(), i), run.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		if err := g.Add(cmd.Process.Pid); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		for _, parent := range lay.parents {
			out := parent // v1: the parent may hold processes
			if lay.v2 {
				out = filepath.Dir(parent)
			}
			if err := writeFile(filepath.Join(out, "cgroup.procs"), pid); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		if err := g.Remove(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewRemove is New and Remove alone.
func BenchmarkNewRemove(b *testing.B) {
	needRoot(b)
	for i := range b.N {
		g, err := New(fmt.Sprintf("%sbench-%d", testPrefix(), i), run.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		if err := g.Remove(); err != nil {
			b.Fatal(err)
		}
	}
}

package cgroup

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sshell/sshell/run"
)

func TestNewAppliesLimits(t *testing.T) {
	needRoot(t)
	g := newGroup(t, "limits", run.Limits{Memory: 64 << 20, CPUs: 0.5, PIDs: 20})
	want := map[[2]string]string{}
	if g.v2 {
		want = map[[2]string]string{
			{"memory", "memory.max"}: "67108864",
			{"cpu", "cpu.max"}:       "50000 100000",
			{"pids", "pids.max"}:     "20",
		}
		if _, err := os.Stat(filepath.Join(g.mem, "memory.swap.max")); err == nil {
			want[[2]string{"memory", "memory.swap.max"}] = "0"
		}
	} else {
		want = map[[2]string]string{
			{"memory", "memory.limit_in_bytes"}: "67108864",
			{"cpu", "cpu.cfs_quota_us"}:         "50000",
			{"cpu", "cpu.cfs_period_us"}:        "100000",
			{"pids", "pids.max"}:                "20",
		}
		if _, err := os.Stat(filepath.Join(g.mem, "memory.memsw.limit_in_bytes")); err == nil {
			want[[2]string{"memory", "memory.memsw.limit_in_bytes"}] = "67108864"
		} else {
			t.Log("no memory.memsw.limit_in_bytes here (swap accounting off): swap is not bounded")
		}
	}
	for k, v := range want {
		if got := readGroupFile(t, g, k[0], k[1]); got != v {
			t.Errorf("%s = %q, want %q", k[1], got, v)
		}
	}
}

func TestNewNegativeMeansUnbounded(t *testing.T) {
	needRoot(t)
	g := newGroup(t, "unbounded", run.Limits{Memory: -1, CPUs: -1, PIDs: -1})
	if got := readGroupFile(t, g, "pids", "pids.max"); got != "max" {
		t.Errorf("pids.max = %q, want max", got)
	}
	if g.v2 {
		if got := readGroupFile(t, g, "memory", "memory.max"); got != "max" {
			t.Errorf("memory.max = %q, want max", got)
		}
		if got := readGroupFile(t, g, "cpu", "cpu.max"); !strings.HasPrefix(got, "max ") {
			t.Errorf("cpu.max = %q, want max", got)
		}
		return
	}
	if got := readGroupFile(t, g, "cpu", "cpu.cfs_quota_us"); got != "-1" {
		t.Errorf("cpu.cfs_quota_us = %q, want -1", got)
	}
	// v1's "no limit" is the largest page-aligned counter, not a word.
	if got := readGroupFile(t, g, "memory", "memory.limit_in_bytes"); len(got) < 18 {
		t.Errorf("memory.limit_in_bytes = %q, want the unbounded maximum", got)
	}
}

func TestNewRefusesBadOrTakenIDs(t *testing.T) {
	needRoot(t)
	for _, id := range []string{"", ".", "..", "a/b", "../x"} {
		if g, err := New(id, run.Limits{}); err == nil {
			g.Remove()
			t.Errorf("New(%q) succeeded", id)
		}
	}
	newGroup(t, "taken", run.Limits{})
	if g, err := New(testPrefix()+"taken", run.Limits{}); err == nil {
		g.Remove()
		t.Error("New with an id in use succeeded")
	}
}

// TestPidsLimitFailsFork runs a shell that starts 8 background sleeps in a
// group allowing 4 processes: forks past the limit must fail, which the
// kernel counts in pids.events.
func TestPidsLimitFailsFork(t *testing.T) {
	needRoot(t)
	g := newGroup(t, "pids", run.Limits{PIDs: 4})
	p := start(t, "", "/bin/sh", "-c", `read x; for i in 1 2 3 4 5 6 7 8; do sleep 30 >/dev/null & done; echo done; wait`)
	if err := g.Add(p.cmd.Process.Pid); err != nil {
		t.Fatal(err)
	}
	p.stdin.Write([]byte("go\n"))
	p.out.ReadString('\n') // "done", or EOF when the shell gave up
	n, ok := field([]byte(readGroupFile(t, g, "pids", "pids.events")), "max")
	if !ok || n == 0 {
		t.Errorf("pids.events max = %d (found %v), want forks refused", n, ok)
	}
	procs, err := g.procs()
	if err != nil {
		t.Fatal(err)
	}
	if len(procs) > 4 {
		t.Errorf("%d processes in a group limited to 4", len(procs))
	}
}

func TestLimitWrites(t *testing.T) {
	l := run.Limits{Memory: 1 << 20, CPUs: 1.5, PIDs: 7}
	v1 := []limitWrite{
		{ctrl: "memory", file: "memory.limit_in_bytes", value: "1048576"},
		{ctrl: "memory", file: "memory.memsw.limit_in_bytes", value: "1048576", optional: true},
		{ctrl: "cpu", file: "cpu.cfs_quota_us", value: "150000"},
		{ctrl: "pids", file: "pids.max", value: "7"},
	}
	if got := limitWrites(false, l); !reflect.DeepEqual(got, v1) {
		t.Errorf("v1 writes = %+v, want %+v", got, v1)
	}
	v2 := []limitWrite{
		{ctrl: "memory", file: "memory.max", value: "1048576"},
		{ctrl: "memory", file: "memory.swap.max", value: "0", optional: true},
		{ctrl: "cpu", file: "cpu.max", value: "150000 100000"},
		{ctrl: "pids", file: "pids.max", value: "7"},
	}
	if got := limitWrites(true, l); !reflect.DeepEqual(got, v2) {
		t.Errorf("v2 writes = %+v, want %+v", got, v2)
	}
	if got := limitWrites(true, run.Limits{Memory: -1, CPUs: -1, PIDs: -1}); len(got) != 0 {
		t.Errorf("unbounded writes = %+v, want none", got)
	}
	tiny := limitWrites(false, run.Limits{Memory: -1, CPUs: 0.001, PIDs: -1})
	if len(tiny) != 1 || tiny[0].value != "1000" {
		t.Errorf("tiny CPU writes = %+v, want the 1000 µs minimum quota", tiny)
	}
}

package cgroup

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sshell/sshell/run"
)

// TestV2Live runs the v2 code path (New, Add, Kill through cgroup.kill,
// Remove, List, Open) against a real cgroup2 hierarchy. On a "hybrid" host
// the memory, cpu and pids controllers are bound to v1 and cannot be
// enabled on any cgroup2 mount (a fresh one in a private mount namespace
// is the same controller-less hierarchy), so there the limits are not
// applied: the group is made with no controllers and every limit
// unbounded. Limit files on v2 are covered by TestLimitWrites and
// TestOOMKilledFiles; on a pure v2 host the other live tests run v2 too.
func TestV2Live(t *testing.T) {
	needRoot(t)
	mount := cgroup2Mount(t)
	parent := filepath.Join(mount, "sshell-test-"+strings.TrimSuffix(testPrefix(), "-"))
	lay := &layout{v2: true, parents: []string{parent}, mem: -1, ctrl: map[string]int{}}
	ctrls, _ := os.ReadFile(filepath.Join(mount, "cgroup.controllers"))
	switch have := strings.Fields(string(ctrls)); {
	case current().v2:
		lay = current()
	case !slices.Contains(have, "memory") && !slices.Contains(have, "pids") && !slices.Contains(have, "cpu"):
		t.Logf("%s offers %q, not memory, cpu or pids (bound to v1 here): testing v2 without limits", mount, have)
	default:
		t.Skipf("%s offers %q but the host uses v1", mount, have)
	}
	t.Cleanup(func() { os.Remove(parent) })

	id := testPrefix() + "v2"
	g, err := newIn(lay, id, run.Limits{Memory: -1, CPUs: -1, PIDs: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Remove()
	if !g.v2 || g.Path() != filepath.Join(parent, id) {
		t.Fatalf("group v2 %v at %s", g.v2, g.Path())
	}
	if _, err := os.Stat(filepath.Join(g.Path(), "cgroup.kill")); err != nil {
		t.Log("no cgroup.kill (kernel before 5.14): Kill loops over cgroup.procs")
	}
	p := start(t, "", "/bin/sh", "-c", `read x; sleep 100 & sleep 100 & echo ready; wait`)
	if err := g.Add(p.cmd.Process.Pid); err != nil {
		t.Fatal(err)
	}
	p.stdin.Write([]byte("go\n"))
	if line, _ := p.out.ReadString('\n'); strings.TrimSpace(line) != "ready" {
		t.Fatalf("shell said %q", line)
	}
	if procs, _ := g.procs(); len(procs) != 3 {
		t.Fatalf("group holds %v, want the shell and 2 sleeps", procs)
	}
	if ids, err := listIn(lay, testPrefix()); err != nil || len(ids) != 1 || ids[0] != id {
		t.Errorf("listIn = %v, %v; want [%s]", ids, err, id)
	}
	if o, err := openIn(lay, id); err != nil || o.Path() != g.Path() {
		t.Errorf("openIn = %v, %v", o, err)
	}
	if err := g.Kill(); err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Wait(); err == nil || !strings.Contains(err.Error(), "killed") {
		t.Errorf("shell ended with %v, want killed", err)
	}
	if err := g.Remove(); err != nil {
		t.Fatal(err)
	}
	if ids, err := listIn(lay, testPrefix()); err != nil || len(ids) != 0 {
		t.Errorf("listIn after Remove = %v, %v; want nothing", ids, err)
	}
}

// cgroup2Mount finds a cgroup2 mount point, or skips.
func cgroup2Mount(t *testing.T) string {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var all bytes.Buffer
	s := bufio.NewScanner(f)
	for s.Scan() {
		all.WriteString(s.Text() + "\n")
	}
	for _, m := range parseMountinfo(all.Bytes()) {
		if m.fstype == "cgroup2" && m.root == "/" {
			return m.point
		}
	}
	t.Skip("no cgroup2 filesystem mounted")
	return ""
}

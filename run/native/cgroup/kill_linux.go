package cgroup

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"time"

	"golang.org/x/sys/unix"
)

// killWait bounds how long Kill keeps killing before it gives up.
const killWait = 5 * time.Second

// Kill sends SIGKILL to every process in the group and, except where the
// kernel does it in one step, repeats until the group lists no process (a
// process forking while it is being killed gets its children killed too).
// v2 uses cgroup.kill (kernel 5.14 and later), which kills atomically and
// returns at once: the processes may still be exiting. Otherwise, and on
// v1, it loops over cgroup.procs. That loop has the usual race of killing
// by pid (a pid freed and reused between the read and the kill); the
// sandbox runs the tool in its own pid namespace, which shrinks that to
// nothing in practice. Kill on an empty group is a no-op.
func (g *Group) Kill() error {
	if g.v2 && len(g.dirs) > 0 {
		err := writeFile(filepath.Join(g.dirs[0], "cgroup.kill"), "1")
		if err == nil {
			return nil
		}
		if !errors.Is(err, unix.ENOENT) {
			return fmt.Errorf("killing cgroup %q: %w", g.id, err)
		}
	}
	pause := 100 * time.Microsecond
	deadline := time.Now().Add(killWait)
	for {
		pids, err := g.procs()
		if err != nil {
			return fmt.Errorf("killing cgroup %q: %w", g.id, err)
		}
		if len(pids) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("killing cgroup %q: processes %v still there after %v", g.id, pids, killWait)
		}
		for _, pid := range pids {
			if err := unix.Kill(pid, unix.SIGKILL); err != nil && err != unix.ESRCH {
				return fmt.Errorf("killing pid %d of cgroup %q: %w", pid, g.id, err)
			}
		}
		time.Sleep(pause)
		pause = min(2*pause, 10*time.Millisecond)
	}
}

// procs lists the processes in the group, in any of its hierarchies.
func (g *Group) procs() ([]int, error) {
	seen := map[int]bool{}
	var out []int
	for _, dir := range g.dirs {
		b, err := readFile(filepath.Join(dir, "cgroup.procs"))
		if errors.Is(err, unix.ENOENT) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for f := range bytes.FieldsSeq(b) {
			pid, err := strconv.Atoi(string(f))
			if err != nil || seen[pid] {
				continue
			}
			seen[pid] = true
			out = append(out, pid)
		}
	}
	return out, nil
}

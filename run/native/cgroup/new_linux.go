package cgroup

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/sshell/sshell/run"
)

// cpuPeriod is the CFS period, in microseconds, the CPU quota is a share of
// (the kernel's default, 100 ms).
const cpuPeriod = 100000

// New creates the group(s) of one run, named id, under the "sshell" parent
// (see detect for where that is) and applies l.Effective(): memory with
// swap bounded too (v1 memsw = the memory limit; v2 memory.swap.max = 0),
// so swapping is no way around it; CPU as a CFS quota of CPUs × 100 ms per
// 100 ms; pids. A negative limit is no bound. The parent is created on
// first use. The id must be one path element; it must not be in use.
func New(id string, l run.Limits) (*Group, error) {
	return newIn(current(), id, l)
}

func newIn(lay *layout, id string, l run.Limits) (*Group, error) {
	if lay.err != nil {
		return nil, fmt.Errorf("creating cgroup %q: %w", id, lay.err)
	}
	if !validID(id) {
		return nil, fmt.Errorf("creating cgroup %q: not a valid name", id)
	}
	g := &Group{id: id, v2: lay.v2, mem: ""}
	for i, parent := range lay.parents {
		dir := filepath.Join(parent, id)
		err := mkdirIn(lay, i, dir)
		if err != nil {
			g.Remove()
			return nil, fmt.Errorf("creating cgroup %s: %w", dir, err)
		}
		g.dirs = append(g.dirs, dir)
		if i == lay.mem {
			g.mem = dir
		}
	}
	for _, w := range limitWrites(lay.v2, l.Effective()) {
		i := lay.ctrl[w.ctrl]
		file := filepath.Join(g.dirs[i], w.file)
		err := writeFile(file, w.value)
		if lay.v2 && errors.Is(err, unix.ENOENT) && !w.optional {
			// The parent was made by a process that died before enabling
			// the controllers: enable them now (it reaches existing
			// children) and try once more.
			if err = enableControllers(lay, lay.parents[i]); err == nil {
				err = writeFile(file, w.value)
			}
		}
		if err != nil && !(w.optional && errors.Is(err, unix.ENOENT)) {
			g.Remove()
			return nil, fmt.Errorf("limiting cgroup %q: %w", id, err)
		}
	}
	return g, nil
}

// mkdirIn makes dir in the i-th parent, making the parent when missing: a
// purge may remove an empty parent at any moment (RemoveParents), so a
// parent made a moment ago may be gone again; three tries is plenty.
func mkdirIn(lay *layout, i int, dir string) error {
	err := unix.Mkdir(dir, 0o755)
	for try := 0; err == unix.ENOENT && try < 3; try++ {
		if err = ensureParent(lay, i); err == nil {
			err = unix.Mkdir(dir, 0o755)
		}
	}
	return err
}

// ensureParent creates the i-th parent directory and, on v2, enables the
// controllers for its children.
func ensureParent(lay *layout, i int) error {
	parent := lay.parents[i]
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("creating cgroup parent: %w", err)
	}
	if !lay.v2 {
		return nil
	}
	return enableControllers(lay, parent)
}

// enableControllers enables lay.enable in parent's cgroup.subtree_control,
// after trying the same in its own parent (needed when that is the
// hierarchy's root; elsewhere whoever delegated the subtree did it, and the
// write fails harmlessly when this process may not do it).
func enableControllers(lay *layout, parent string) error {
	if len(lay.enable) == 0 {
		return nil
	}
	s := "+" + strings.Join(lay.enable, " +")
	_ = writeFile(filepath.Join(filepath.Dir(parent), "cgroup.subtree_control"), s)
	if err := writeFile(filepath.Join(parent, "cgroup.subtree_control"), s); err != nil {
		return fmt.Errorf("enabling cgroup controllers: %w", err)
	}
	return nil
}

// limitWrite is one limit: value written to file in the hierarchy of ctrl.
type limitWrite struct {
	ctrl, file, value string
	optional          bool // the file may be missing (swap accounting off)
}

// limitWrites lists the writes that apply l (already Effective) on v1 or v2.
func limitWrites(v2 bool, l run.Limits) []limitWrite {
	var ws []limitWrite
	if l.Memory >= 0 {
		m := strconv.FormatInt(l.Memory, 10)
		if v2 {
			ws = append(ws,
				limitWrite{ctrl: "memory", file: "memory.max", value: m},
				limitWrite{ctrl: "memory", file: "memory.swap.max", value: "0", optional: true})
		} else {
			// memsw bounds memory plus swap; it must be set after (and be
			// at least) limit_in_bytes.
			ws = append(ws,
				limitWrite{ctrl: "memory", file: "memory.limit_in_bytes", value: m},
				limitWrite{ctrl: "memory", file: "memory.memsw.limit_in_bytes", value: m, optional: true})
		}
	}
	if l.CPUs > 0 {
		q := int64(math.Round(l.CPUs * cpuPeriod))
		q = max(q, 1000) // the kernel's smallest quota, 1 ms
		if v2 {
			ws = append(ws, limitWrite{ctrl: "cpu", file: "cpu.max", value: strconv.FormatInt(q, 10) + " " + strconv.Itoa(cpuPeriod)})
		} else {
			// A new group's cpu.cfs_period_us is already 100000.
			ws = append(ws, limitWrite{ctrl: "cpu", file: "cpu.cfs_quota_us", value: strconv.FormatInt(q, 10)})
		}
	}
	if l.PIDs >= 0 {
		ws = append(ws, limitWrite{ctrl: "pids", file: "pids.max", value: strconv.FormatInt(l.PIDs, 10)})
	}
	return ws
}

// validID reports whether id can name a group: one path element.
func validID(id string) bool {
	return id != "" && id != "." && id != ".." && !strings.ContainsAny(id, "/\x00")
}

package cgroup

import (
	"bytes"
	"path/filepath"
	"strconv"
)

// OOMKilled reports whether the kernel's OOM killer killed a process of the
// group for reaching its memory limit: v2 memory.events "oom_kill", v1
// memory.oom_control "oom_kill" (kernel 4.13 and later); on older v1
// kernels, "under_oom" or a non-zero memory.failcnt. False when the group
// has no memory controller or the files cannot be read.
func (g *Group) OOMKilled() bool {
	if g.mem == "" {
		return false
	}
	if g.v2 {
		b, err := readFile(filepath.Join(g.mem, "memory.events"))
		if err != nil {
			return false
		}
		n, _ := field(b, "oom_kill")
		return n > 0
	}
	b, err := readFile(filepath.Join(g.mem, "memory.oom_control"))
	if err != nil {
		return false
	}
	if n, ok := field(b, "oom_kill"); ok {
		return n > 0
	}
	if n, _ := field(b, "under_oom"); n > 0 {
		return true
	}
	fc, err := readFile(filepath.Join(g.mem, "memory.failcnt"))
	if err != nil {
		return false
	}
	n, _ := strconv.ParseInt(string(bytes.TrimSpace(fc)), 10, 64)
	return n > 0
}

// field finds "key N" in a flat-keyed cgroup file.
func field(b []byte, key string) (int64, bool) {
	for line := range bytes.Lines(b) {
		k, v, ok := bytes.Cut(bytes.TrimSpace(line), []byte(" "))
		if ok && string(k) == key {
			n, err := strconv.ParseInt(string(v), 10, 64)
			return n, err == nil
		}
	}
	return 0, false
}

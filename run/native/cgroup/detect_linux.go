package cgroup

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// parentName is the directory, in each hierarchy, that holds the runs' groups.
const parentName = "sshell"

// needed are the controllers a run's limits use.
var needed = []string{"memory", "cpu", "pids"}

// layout is where runs' groups go on this machine, found once per process.
type layout struct {
	v2 bool
	// parents are the directories that hold the runs' groups, one per
	// hierarchy, memory's first. On v2 there is one.
	parents []string
	// mem is the index in parents of the memory hierarchy, -1 for none.
	mem int
	// ctrl maps each needed controller to the index in parents of its
	// hierarchy.
	ctrl map[string]int
	// enable lists, on v2, the controllers to enable for the runs' groups
	// (in the parent's cgroup.subtree_control).
	enable []string
	// err says why per-run groups cannot work here; nil when they may.
	err error
}

var (
	detectOnce sync.Once
	detected   *layout
)

// current is this machine's layout, detected on the first call from
// /proc/self/mountinfo and /proc/self/cgroup (two small reads).
func current() *layout {
	detectOnce.Do(func() {
		mi, err := os.ReadFile("/proc/self/mountinfo")
		if err != nil {
			detected = &layout{mem: -1, err: fmt.Errorf("reading mount table: %w", err)}
			return
		}
		self, err := os.ReadFile("/proc/self/cgroup")
		if err != nil {
			detected = &layout{mem: -1, err: fmt.Errorf("reading own cgroup: %w", err)}
			return
		}
		detected = detect(mi, self, os.Geteuid())
	})
	return detected
}

// Available says whether per-run groups work here: nil when they do, else
// why not. It checks the layout and that the parent directory is writable,
// without creating anything.
func Available() error {
	l := current()
	if l.err != nil {
		return l.err
	}
	return writable(l, os.Geteuid())
}

// writable checks that every parent (or, when it does not exist yet, the
// directory it would be made in) may be written, and on v2 that the needed
// controllers are offered there.
func writable(l *layout, uid int) error {
	for _, p := range l.parents {
		dir := p
		if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
			dir = filepath.Dir(p)
		}
		if err := unix.Access(dir, unix.W_OK); err == unix.EROFS {
			return fmt.Errorf("cgroups are mounted read-only here (%s: %w)", dir, err)
		} else if err != nil {
			return fmt.Errorf("cgroups are read-only for uid %d (%s: %w): run as root or delegate a subtree", uid, dir, err)
		}
	}
	if l.v2 {
		dir := filepath.Dir(l.parents[0])
		b, err := readFile(filepath.Join(dir, "cgroup.controllers"))
		if err != nil {
			return fmt.Errorf("cgroup v2: %w", err)
		}
		have := strings.Fields(string(b))
		for _, c := range needed {
			if !contains(have, c) {
				return fmt.Errorf("cgroup v2: no %s controller offered in %s/cgroup.controllers (it has %q)", c, dir, have)
			}
		}
	}
	return nil
}

// detect works out the layout from the text of /proc/self/mountinfo and
// /proc/self/cgroup.
//
// v1 is chosen whenever a v1 ("cgroup") mount carries one of the needed
// controllers, even when a cgroup2 mount exists too: in the "hybrid" layout
// /sys/fs/cgroup/unified is a cgroup2 mount without controllers, because
// they are all bound to v1 hierarchies. Otherwise v2 is the cgroup2 mount
// (the one at /sys/fs/cgroup when there are several).
//
// Placement: for root (euid 0) the parent is "sshell" at the root of each
// hierarchy (as this process sees it): one well-known place, so stale
// sweeps find every run's leftovers; on v2 the root is exempt from the "no
// processes in inner cgroups" rule; and the parent never keeps the caller's
// own cgroup (a systemd service or session scope) from being removed. As
// with Docker's cgroupfs driver, runs are then not bounded by the limits of
// the caller's cgroup. For other users, who can only write where a subtree
// was delegated to them, the parent goes under the caller's own cgroup: on
// v1 inside it (v1 allows processes in inner cgroups); on v2 beside it, in
// its parent (a v2 cgroup holding processes cannot hand controllers to
// children), which is the delegated unit under systemd (Delegate=yes).
func detect(mountinfo, selfCgroup []byte, euid int) *layout {
	mounts := parseMountinfo(mountinfo)
	self := parseSelfCgroup(selfCgroup)

	var v1 []cgMount
	var v2 *cgMount
	for i, m := range mounts {
		switch m.fstype {
		case "cgroup":
			for _, c := range needed {
				if contains(m.controllers, c) {
					v1 = append(v1, m)
					break
				}
			}
		case "cgroup2":
			if v2 == nil || m.point == "/sys/fs/cgroup" {
				v2 = &mounts[i]
			}
		}
	}

	l := &layout{mem: -1, ctrl: map[string]int{}}
	switch {
	case len(v1) > 0:
		seen := map[string]int{}
		for _, c := range needed {
			m, ok := findController(v1, c)
			if !ok {
				l.err = fmt.Errorf("cgroup v1: no %s controller mounted", c)
				return l
			}
			if i, ok := seen[m.point]; ok {
				l.ctrl[c] = i
				continue
			}
			seen[m.point] = len(l.parents)
			l.ctrl[c] = len(l.parents)
			selfPath, ok := selfFor(self, m.controllers)
			if !ok {
				l.err = fmt.Errorf("cgroup v1: %s hierarchy missing from /proc/self/cgroup", c)
				return l
			}
			if c == "memory" {
				l.mem = len(l.parents)
			}
			l.parents = append(l.parents, parentDir(m, selfPath, euid, false))
		}
	case v2 != nil:
		l.v2 = true
		selfPath, ok := self[""]
		if !ok {
			l.err = errors.New("cgroup v2: no 0:: line in /proc/self/cgroup")
			return l
		}
		l.parents = []string{parentDir(*v2, selfPath, euid, true)}
		l.mem = 0
		l.enable = needed
		for _, c := range needed {
			l.ctrl[c] = 0
		}
	default:
		l.err = errors.New("no cgroup filesystem mounted")
	}
	return l
}

// parentDir is the directory holding the runs' groups in hierarchy m, for a
// process whose cgroup there is selfPath (see detect for the choice).
func parentDir(m cgMount, selfPath string, euid int, v2 bool) string {
	if euid == 0 {
		return filepath.Join(m.point, parentName)
	}
	rel := selfPath
	if m.root != "/" {
		if r, ok := strings.CutPrefix(selfPath, m.root); ok && (r == "" || r[0] == '/') {
			rel = r
		}
	}
	if v2 && rel != "/" && rel != "" {
		rel = path.Dir(rel)
	}
	return filepath.Join(m.point, rel, parentName)
}

// cgMount is one cgroup or cgroup2 line of /proc/self/mountinfo.
type cgMount struct {
	fstype      string   // "cgroup" or "cgroup2"
	root        string   // the hierarchy's directory mounted here
	point       string   // the mount point
	controllers []string // v1 only: from the super options (memory, cpu, cpuacct, name=systemd...)
}

// parseMountinfo returns the cgroup mounts in a mountinfo text (see
// proc(5)): "id parent maj:min root point options [optional...] - fstype
// source superoptions".
func parseMountinfo(b []byte) []cgMount {
	var out []cgMount
	for line := range bytes.Lines(b) {
		pre, post, ok := bytes.Cut(line, []byte(" - "))
		if !ok {
			continue
		}
		after := strings.Fields(string(post))
		if len(after) < 3 || (after[0] != "cgroup" && after[0] != "cgroup2") {
			continue
		}
		before := strings.Fields(string(pre))
		if len(before) < 5 {
			continue
		}
		m := cgMount{fstype: after[0], root: unescape(before[3]), point: unescape(before[4])}
		if m.fstype == "cgroup" {
			for _, o := range strings.Split(after[2], ",") {
				if o != "rw" && o != "ro" {
					m.controllers = append(m.controllers, o)
				}
			}
		}
		out = append(out, m)
	}
	return out
}

// parseSelfCgroup maps each line's controller list ("cpu,cpuacct"; "" for
// the v2 line "0::/path") to its path.
func parseSelfCgroup(b []byte) map[string]string {
	out := map[string]string{}
	for line := range bytes.Lines(b) {
		parts := strings.SplitN(strings.TrimRight(string(line), "\n"), ":", 3)
		if len(parts) != 3 {
			continue
		}
		out[parts[1]] = parts[2]
	}
	return out
}

// selfFor is this process's path in the v1 hierarchy with the given
// controllers.
func selfFor(self map[string]string, controllers []string) (string, bool) {
	for k, p := range self {
		if k == "" {
			continue
		}
		for _, c := range strings.Split(k, ",") {
			if contains(controllers, c) {
				return p, true
			}
		}
	}
	return "", false
}

func findController(ms []cgMount, c string) (cgMount, bool) {
	for _, m := range ms {
		if contains(m.controllers, c) {
			return m, true
		}
	}
	return cgMount{}, false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// unescape undoes mountinfo's octal escapes (\040 for a space).
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

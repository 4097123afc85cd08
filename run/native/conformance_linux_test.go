package native_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native"
	"github.com/sshell/sshell/run/native/cgroup"
	"github.com/sshell/sshell/run/runtest"
)

// TestConformance runs the shared Runner suite, Security's attacks
// included, against the native runtime. It needs root: the unprivileged
// mode is TestUnprivileged's.
func TestConformance(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root for the whole isolation (cgroups); TestUnprivileged covers the user-namespace mode")
	}
	if err := native.Available(); err != nil {
		t.Skipf("the native runtime cannot run here: %v", err)
	}
	dirs := newDirs(t)
	runtest.Suite{
		New:       func(t *testing.T) run.Runner { return dirs.runner(t) },
		Leftovers: dirs.leftovers,
	}.Run(t)
}

// dirs are one suite's store and state directories, shared by its runners.
type dirs struct{ store, state string }

func newDirs(t *testing.T) dirs {
	return dirs{store: t.TempDir(), state: t.TempDir()}
}

func (d dirs) runner(t *testing.T, opts ...native.Option) *native.Runner {
	t.Helper()
	r, err := native.New(append([]native.Option{native.WithStoreDir(d.store), native.WithStateDir(d.state)}, opts...)...)
	if err != nil {
		t.Fatalf("native.New: %v", err)
	}
	return r
}

// leftovers lists the runs, by id, whose state directory (with all of
// labels) is still there, noting their cgroup when that is too. A run
// removes its cgroup before its state directory, so no cgroup can be left
// without its labels.
func (d dirs) leftovers(t *testing.T, labels map[string]string) []string {
	t.Helper()
	entries, err := os.ReadDir(d.state)
	if err != nil {
		t.Fatalf("listing run states: %v", err)
	}
	var ids []string
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(d.state, e.Name(), "labels.json"))
		var l map[string]string
		if err != nil || json.Unmarshal(b, &l) != nil || !hasAll(l, labels) {
			continue
		}
		id := e.Name()
		if g, err := cgroup.Open(id); err == nil { // removed before the state
			id += " (cgroup " + g.Path() + ")"
		}
		ids = append(ids, id)
	}
	return ids
}

func hasAll(l, want map[string]string) bool {
	for k, v := range want {
		if l[k] != v {
			return false
		}
	}
	return true
}

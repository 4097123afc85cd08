//go:build linux

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native"
	"github.com/sshell/sshell/run/native/cgroup"
)

// purgeNative is TestPurge's native part.
type purgeNative struct {
	skip    string // why the native part cannot run here
	ref     string // run on native; the user holds it on Docker too
	killed  string // the id of a native run whose sshell was SIGKILLed
	stateOf string // its state directory
	sleeper func() error
}

// purgeNativeSetup makes the native runtime's leftovers in e: a store
// holding images from native runs, and a run in progress (its sshell is
// killed in purgeTwice, between the purges). userRef is pulled on Docker
// by the user as well.
func purgeNativeSetup(t *testing.T, e *xdgEnv, reg *testimage.Registry, userRef string) *purgeNative {
	t.Helper()
	if err := native.Available(); err != nil {
		t.Logf("the native part is skipped: %v", err)
		return &purgeNative{skip: err.Error()}
	}
	p := &purgeNative{ref: testimage.Push(t, reg, "sshell-e2e/purgenative")}
	e.ok("run", "--runtime", "native", "--image", p.ref, "echo-split", "a", "b")
	e.ok("run", "--runtime", "native", "--image", userRef, "echo-split", "a", "b") // the user's Docker image, pulled by native too
	dockerOut(t, "pull", "-q", p.ref)                                              // the user's own, on Docker
	t.Cleanup(func() { dockerOut(t, "rmi", p.ref) })
	if !e.storeHas(p.ref) || !e.storeHas(userRef) {
		t.Fatalf("the native runs did not pull into the store: %v", e.storeEntries())
	}
	sleeper := e.start("run", "--runtime", "native", "--image", p.ref, "sleep", "120")
	eventually(t, "the native run to start", func() bool {
		p.killed = nativeRunID(sleeper.Process.Pid)
		return p.killed != ""
	})
	p.stateOf = filepath.Join(native.DefaultStateDir(), p.killed)
	p.sleeper = sleeper.Process.Kill
	return p
}

// purgeTwice runs `sshell purge --yes` while the native run is in progress
// (it must keep the store and fail, saying so), kills the run's sshell
// (SIGKILL: its state and cgroup stay behind), and purges again.
func (p *purgeNative) purgeTwice(t *testing.T, e *xdgEnv) string {
	t.Helper()
	if p.skip != "" {
		out, _ := e.ok("purge", "--yes")
		return out
	}
	out, errOut, code := e.try(nil, "purge", "--yes")
	if code == 0 || !strings.Contains(errOut, "native run(s) in progress") || !e.storeHas(p.ref) {
		t.Fatalf("purge during a native run: exit %d, store holds %s: %v\n%s%s", code, p.ref, e.storeHas(p.ref), out, errOut)
	}
	if err := p.sleeper(); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the killed run's sandbox to end", func() bool { return cgroupEmpty(p.killed) })
	if _, err := os.Stat(p.stateOf); err != nil {
		t.Fatalf("the killed run left no state (%v): the case below would prove nothing", err)
	}
	out, _ = e.ok("purge", "--yes")
	return out
}

// check wants nothing of the native runtime's left, and the user's Docker
// image of the same reference kept.
func (p *purgeNative) check(t *testing.T, e *xdgEnv) {
	t.Helper()
	if p.skip != "" {
		t.Skipf("the native part: %s", p.skip)
	}
	if _, err := os.Stat(filepath.Join(e.data, "sshell", "store")); !os.IsNotExist(err) {
		t.Errorf("the native store remains after purge (%v)", err)
	}
	if _, err := os.Stat(p.stateOf); !os.IsNotExist(err) {
		t.Errorf("the killed native run's state %s remains after purge (%v)", p.stateOf, err)
	}
	if ids, err := cgroup.List(p.killed); err != nil || slices.Contains(ids, p.killed) {
		t.Errorf("the killed native run's cgroup remains after purge: %v (%v)", ids, err)
	}
	if !dockerHas(t, "image", p.ref) {
		t.Errorf("purge removed %s from Docker: the user pulled it there; sshell pulled it onto native only", p.ref)
	}
}

// nativeRunID is the id of the native run (its state directory's name)
// whose owner is process pid, "" when none.
func nativeRunID(pid int) string {
	ents, _ := os.ReadDir(native.DefaultStateDir())
	for _, en := range ents {
		b, err := os.ReadFile(filepath.Join(native.DefaultStateDir(), en.Name(), "labels.json"))
		var l map[string]string
		if err == nil && json.Unmarshal(b, &l) == nil && l[run.LabelOwnerPID] == strconv.Itoa(pid) {
			return en.Name()
		}
	}
	return ""
}

// cgroupEmpty reports whether cgroup id holds no process (or is gone).
func cgroupEmpty(id string) bool {
	g, err := cgroup.Open(id)
	if err != nil {
		return true
	}
	b, err := os.ReadFile(filepath.Join(g.Path(), "cgroup.procs"))
	return err != nil || strings.TrimSpace(string(b)) == ""
}

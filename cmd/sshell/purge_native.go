package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sshell/sshell/run/native"
	"github.com/sshell/sshell/run/native/cgroup"
	"github.com/sshell/sshell/run/native/store"
)

// nativePurge is what the native runtime made: its image store, the state
// directories of runs, and their cgroups; the keepers of ready sandboxes
// and their sandboxes.
type nativePurge struct {
	store    string      // the store's directory; "" when there is none
	dead     []nativeRun // runs whose sshell died: their state and cgroup
	live     []nativeRun // runs in progress: purge waits for them
	cgroups  []string    // empty run cgroups with no run's state left
	stateDir string      // native.DefaultStateDir(), when it exists
	keepers  []int       // the pids of the live keepers of ready sandboxes
	kept     []nativeRun // their sandboxes: they go with them
}

// cgroupGrace is how old a run's cgroup without state must be to be
// removed: a run makes its state directory and its cgroup at the same
// time, so a younger one may be a run starting now.
const cgroupGrace = time.Minute

// listNativePurge finds what the native runtime left. cgroups are looked
// for only where the native runtime can make them.
func listNativePurge() (nativePurge, error) {
	var p nativePurge
	if _, err := os.Stat(native.DefaultStoreDir()); err == nil {
		p.store = native.DefaultStoreDir()
	}
	if _, err := os.Stat(native.DefaultStateDir()); err == nil {
		p.stateDir = native.DefaultStateDir()
	}
	runs, err := nativeRuns()
	if err != nil {
		return p, fmt.Errorf("listing the native runs: %w", err)
	}
	p.keepers = liveKeepers(p.stateDir)
	ids := map[string]bool{}
	for _, r := range runs {
		ids[r.id] = true
		switch {
		case r.keptBy(p.keepers):
			p.kept = append(p.kept, r)
		case r.live || (r.labels == nil && !staleDir(r.dir)): // unlabelled: a run being made, unless old
			p.live = append(p.live, r)
		default:
			p.dead = append(p.dead, r)
		}
	}
	if cgroup.Available() != nil {
		return p, nil
	}
	groups, err := cgroup.List("")
	if err != nil {
		return p, err
	}
	for _, id := range groups {
		if g, err := cgroup.Open(id); err == nil && !ids[id] && staleDir(g.Path()) && emptyCgroup(g.Path()) {
			p.cgroups = append(p.cgroups, id)
		}
	}
	return p, nil
}

// emptyCgroup reports a cgroup directory that holds no process: a group
// with processes and no state in the default state directory belongs to a
// runner given a state directory of its own (a test, a benchmark), whose
// run is alive.
func emptyCgroup(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, "cgroup.procs"))
	return err == nil && len(strings.TrimSpace(string(b))) == 0
}

// staleDir is a directory older than cgroupGrace.
func staleDir(dir string) bool {
	st, err := os.Stat(dir)
	return err == nil && time.Since(st.ModTime()) > cgroupGrace
}

func (p nativePurge) print(s *streams, verb string) {
	for _, pid := range p.keepers {
		fmt.Fprintf(s.out, "%s the ready sandboxes of keeper pid %d, stopping it\n", verb, pid)
	}
	for _, r := range p.dead {
		fmt.Fprintf(s.out, "%s native run %.12s (its sshell died): state %s and its cgroup\n", verb, r.id, r.dir)
	}
	for _, id := range p.cgroups {
		fmt.Fprintf(s.out, "%s cgroup %s (a native run's, left behind)\n", verb, id)
	}
	if p.store != "" {
		fmt.Fprintf(s.out, "%s the native image store %s\n", verb, p.store)
	}
	if p.stateDir != "" {
		fmt.Fprintf(s.out, "%s directory %s (native runs' state)\n", verb, p.stateDir)
	}
	for _, r := range p.live {
		fmt.Fprintf(s.out, "native run %.12s (%s) is in progress: the native store and state are removed only once it ends\n", r.id, r.labels["io.sshell.command"])
	}
}

// remove removes the dead runs' state and cgroups, then, unless a run is
// in progress (it uses the store's layers and the state directory), the
// store and the state directory. A run in progress with a store to purge
// is an error (purge again later); without one, the state directory is
// only kept.
func (p nativePurge) remove(ctx context.Context, s *streams) error {
	errs := []error{p.stopKeepers(s)}
	for _, r := range p.dead {
		errs = append(errs, report(s, "native run "+r.id[:min(12, len(r.id))], removeNativeRun(r.id, r.dir)))
	}
	for _, id := range p.cgroups {
		errs = append(errs, report(s, "cgroup "+id, removeCgroup(id)))
	}
	if len(p.live) > 0 {
		if p.stateDir != "" {
			fmt.Fprintf(s.out, "kept directory %s: %d native run(s) in progress\n", p.stateDir, len(p.live))
		}
		if p.store != "" { // a run may use its layers: purge again once it ended
			errs = append(errs, fmt.Errorf("%d native run(s) in progress: the native image store %s is kept", len(p.live), p.store))
		}
		return errors.Join(errs...)
	}
	if p.store != "" {
		st, err := store.Open(p.store)
		if err == nil {
			err = st.Purge(ctx)
		}
		errs = append(errs, report(s, "the native image store "+p.store, err))
	}
	if p.stateDir != "" {
		errs = append(errs, report(s, "directory "+p.stateDir, removeStateDir(p.stateDir)))
	}
	return errors.Join(append(errs, removeCgroupParents(s))...)
}

// removeCgroupParents removes sshell's empty parent cgroups, one per
// hierarchy; one that still holds a run's group (another state directory's)
// stays.
func removeCgroupParents(s *streams) error {
	if cgroup.Available() != nil {
		return nil
	}
	gone, err := cgroup.RemoveParents()
	for _, dir := range gone {
		_ = report(s, "cgroup "+dir, nil)
	}
	return err
}

// removeNativeRun kills and removes a dead run's cgroup, when it has one,
// then its state directory, as the native runner's own sweep does.
func removeNativeRun(id, dir string) error {
	var errs []error
	if _, err := cgroup.Open(id); err == nil {
		errs = append(errs, removeCgroup(id))
	}
	errs = append(errs, os.RemoveAll(dir))
	return errors.Join(errs...)
}

// removeCgroup kills what is left in cgroup id and removes it.
func removeCgroup(id string) error {
	g, err := cgroup.Open(id)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return errors.Join(g.Kill(), g.Remove())
}

// removeStateDir removes the runs' state directory (empty now) and its
// parent when that is sshell's own and empty ("/run/sshell",
// "$XDG_RUNTIME_DIR/sshell", "$TMPDIR/sshell-UID"): never a directory
// sshell did not name.
func removeStateDir(dir string) error {
	if err := os.Remove(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if parent := filepath.Dir(dir); strings.HasPrefix(filepath.Base(parent), "sshell") {
		_ = os.Remove(parent) // kept when not empty: something else is there
	}
	return nil
}

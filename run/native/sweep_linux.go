package native

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/sshell/sshell/internal/proc"
	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native/cgroup"
)

// startSweep removes stale runs in the background; the returned channel is
// closed when it is done. It never fails a run: what it cannot remove now
// the next run tries again.
func (r *Runner) startSweep() <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.sweep()
	}()
	return done
}

// sweep removes the state directories and cgroups of runs whose sshell
// process died without cleaning up (SIGKILL, a crash). Their sandboxes died
// with it: the init is killed when its parent dies (PR_SET_PDEATHSIG).
func (r *Runner) sweep() {
	entries, err := os.ReadDir(r.state)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.Name() == readyDirName {
			r.sweepReady()
			continue
		}
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		dir := filepath.Join(r.state, e.Name())
		l, err := readLabels(dir)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			continue // being written, or not ours
		}
		if err == nil && !r.orphaned(l) {
			continue
		}
		if err != nil && !stale(dir) {
			continue // a run between its mkdir and its labels
		}
		_ = removeRun(e.Name(), dir)
	}
}

// orphaned reports a run of this host whose owner process is gone.
func (r *Runner) orphaned(l map[string]string) bool {
	if l[run.LabelOwnerHost] != r.host {
		return false
	}
	pid, err := strconv.Atoi(l[run.LabelOwnerPID])
	return err == nil && pid > 0 && !proc.Alive(pid, l[run.LabelOwnerStart])
}

// stale reports a state directory without labels that is older than any
// run's setup could take: its owner died making it.
func stale(dir string) bool {
	st, err := os.Stat(dir)
	return err == nil && time.Since(st.ModTime()) > staleAfter
}

// staleAfter is how old a state directory without labels must be to go.
const staleAfter = time.Minute

// removeRun kills and removes the run's cgroup (when there is one), then its
// state directory: a cgroup never outlives the labels that name its run.
func removeRun(id, dir string) error {
	var errs []error
	if g, err := cgroup.Open(id); err == nil {
		errs = append(errs, g.Kill(), g.Remove())
	}
	errs = append(errs, os.RemoveAll(dir))
	return errors.Join(errs...)
}

// sweepReady removes the ready directories of keepers that are gone
// (their sandboxes, runs of their own, are swept as runs), but for a
// recent failure's, which keeps keepers from being started in vain.
func (r *Runner) sweepReady() {
	entries, err := os.ReadDir(ReadyDir(r.state))
	if err != nil {
		return
	}
	for _, e := range entries {
		dir := filepath.Join(ReadyDir(r.state), e.Name())
		if !keeperAlive(dir) && !failedLately(dir) && stale(dir) {
			_ = os.RemoveAll(dir)
		}
	}
}

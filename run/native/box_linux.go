package native

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native/cgroup"
	"github.com/sshell/sshell/run/native/sandbox"
	"github.com/sshell/sshell/run/native/store"
)

// box is what one run makes on the host: its state directory and cgroup.
type box struct {
	id, dir string
	cfg     *sandbox.Config
	group   *cgroup.Group // nil when the run goes unbounded (WithoutLimits), or is a ready sandbox's call
	called  bool          // a call of a ready sandbox: its keeper made the cgroup, and removes it
}

// exitOOM is the code of a tool the kernel killed (SIGKILL, 128+9) for
// reaching its memory limit.
const exitOOM = 137

// create makes the run's cgroup and puts the sandbox's init (pid) in it,
// meanwhile the state directory and the sandbox's config. The init waits
// for its config, so it is in the cgroup before it starts the tool; and
// moving a process between cgroups can take milliseconds (v1 waits for an
// RCU grace period), which this overlaps with the rest of the set-up. On
// failure the caller ends the sandbox, then removes the box.
func (r *Runner) create(ctx context.Context, spec run.Spec, img *store.Image, pid int) (*box, error) {
	b := &box{id: newID()}
	made := make(chan error, 1)
	go func() { made <- b.limit(r, spec, pid) }()
	err := r.prepare(ctx, b, spec, img)
	if gerr := <-made; err == nil {
		err = gerr
	}
	return b, err
}

// prepare makes the state directory and the config.
func (r *Runner) prepare(ctx context.Context, b *box, spec run.Spec, img *store.Image) error {
	dir, err := r.makeState(b.id, spec)
	if err != nil {
		return err
	}
	b.dir = dir
	layers, flat, err := r.root(ctx, spec, img)
	if err != nil {
		return err
	}
	if b.cfg, err = r.config(spec, img, b.id, dir); err != nil {
		return err
	}
	b.cfg.Layers, b.cfg.Flat = layers, flat
	return nil
}

// limit makes the run's cgroup with spec's limits and puts pid in it.
// Without cgroups the run fails, unless the runner was made WithoutLimits.
func (b *box) limit(r *Runner, spec run.Spec, pid int) error {
	if err := r.cgroups; err != nil {
		if r.unbound {
			return nil
		}
		return fmt.Errorf("running %q: memory, CPU and process limits cannot apply here: %w", spec.Command, err)
	}
	g, err := cgroup.New(b.id, spec.Limits)
	if err != nil {
		return fmt.Errorf("running %q: %w", spec.Command, err)
	}
	b.group = g
	if err := g.Add(pid); err != nil {
		return fmt.Errorf("putting the sandbox in its cgroup: %w", err)
	}
	return nil
}

// stopped tells which bound, if any, stopped the tool that exited with
// code, and the exit code to report: 124 for a timeout (as timeout(1)),
// 137 for an out-of-memory kill, which the cgroup's OOM count tells from
// other SIGKILLs.
func (b *box) stopped(code int, timedOut bool) (string, int) {
	switch {
	case timedOut:
		return run.StoppedTimeout, run.ExitTimeout
	case code == exitOOM && b.oomKilled():
		return run.StoppedMemory, code
	}
	return "", code
}

// oomKilled reports an out-of-memory kill in the run's cgroup.
func (b *box) oomKilled() bool {
	g := b.group
	if g == nil && b.called {
		g, _ = cgroup.Open(b.id)
	}
	return g != nil && g.OOMKilled()
}

// remove deletes the cgroup, then the state directory: a cgroup never
// outlives the labels that name its run.
func (b *box) remove() error {
	var errs []error
	if b.group != nil {
		if err := b.group.Remove(); err != nil {
			errs = append(errs, b.group.Kill(), b.group.Remove())
		}
	}
	if b.dir != "" {
		errs = append(errs, os.RemoveAll(b.dir))
	}
	return errors.Join(errs...)
}

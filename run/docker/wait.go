//go:build !lean

package docker

import (
	"context"
	"errors"
	"os"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/sshell/sshell/run"
)

// execute attaches to container id, starts it, forwards signals and
// resizes, and waits for the tool to exit and for all of its output to be
// copied. It returns the tool's exit code, and sets res's timing and which
// bound, if any, stopped the tool.
func (r *Runner) execute(ctx context.Context, id string, spec run.Spec, stdio run.IO, sigs *run.Relay, res *run.Result) (int, error) {
	t := &res.Timing
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // ends the helpers below and an unfinished wait
	began := time.Now()
	s, err := r.attach(ctx, id, spec.TTY, stdio)
	if err != nil {
		return 0, err
	}
	defer s.close()
	exited, failed, err := r.waitFor(ctx, id)
	if err != nil {
		return 0, err
	}
	if stdio.OnStart != nil {
		stdio.OnStart()
	}
	if err := r.start(ctx, id, spec); err != nil {
		return 0, err
	}
	t.Start = time.Since(began)
	sigs.Started(func(s os.Signal) {
		if name := signalName(s); name != "" {
			_ = r.cli.ContainerKill(ctx, id, name) // the tool may be gone already
		}
	})
	limit := r.limitTime(ctx, id, spec.Limits.Timeout)
	r.followSize(ctx, id, spec.TTY, stdio)
	code, err := waitExit(exited, failed)
	res.Stopped, code = r.stopped(ctx, id, code, limit.stop())
	t.Exec = time.Since(began) - t.Start
	if err != nil {
		return code, wrap("waiting for", spec.Command, err)
	}
	if err := s.drain(ctx); err != nil {
		return code, wrap("copying the output of", spec.Command, err)
	}
	return code, r.checkInvoked(ctx, id, code, s.tini)
}

// waitFor registers for the container's next exit. It must come before the
// start, or a quick tool could exit before we listen.
func (r *Runner) waitFor(ctx context.Context, id string) (<-chan container.WaitResponse, <-chan error, error) {
	exited, failed := r.cli.ContainerWait(ctx, id, container.WaitConditionNextExit)
	select {
	case err := <-failed: // the request itself failed
		return nil, nil, wrap("waiting for container", id, err)
	default:
		return exited, failed, nil
	}
}

// waitExit returns the exit code. The wait ends with an error also when
// its context is cancelled.
func waitExit(exited <-chan container.WaitResponse, failed <-chan error) (int, error) {
	select {
	case w := <-exited:
		if w.Error != nil && w.Error.Message != "" {
			return int(w.StatusCode), errors.New(w.Error.Message)
		}
		return int(w.StatusCode), nil
	case err := <-failed:
		return 0, err
	}
}

// followSize applies the terminal's size, and again on every resize, until
// ctx ends.
func (r *Runner) followSize(ctx context.Context, id string, tty bool, stdio run.IO) {
	if tty && stdio.Terminal != nil {
		go func() {
			r.initialResize(ctx, id, stdio.Terminal)
			r.followResize(ctx, id, stdio.Terminal, stdio.Resize)
		}()
	}
}

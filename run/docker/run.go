//go:build !lean

package docker

import (
	"context"
	"time"

	"github.com/sshell/sshell/run"
)

// Run runs spec to completion: it makes the image present, creates the
// container, attaches, starts, waits and removes the container, also when
// ctx is cancelled. The tool's exit code is in the Result; errors are
// sshell's own and wrap a run.Err* kind when one applies. The Result is
// valid (timings, exit code when the tool ran) also with an error.
func (r *Runner) Run(ctx context.Context, spec run.Spec, stdio run.IO) (res run.Result, err error) {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	sigs := run.NewRelay(ctx, stdio.Signals)
	if err := r.ensureImage(sigs.Setup(), spec, stdio.Progress, &res); err != nil {
		return sigs.InterruptedOr(res, err)
	}
	// Not before: the client negotiates the API version on its first
	// request, and ContainerList reads that version without a lock.
	swept := r.startSweep(ctx)
	defer func() { <-swept }()
	t := time.Now()
	id, err := r.create(ctx, spec, consoleSize(spec, stdio.Terminal))
	res.Timing.Create = time.Since(t)
	if err != nil {
		return sigs.InterruptedOr(res, err)
	}
	defer func() {
		if rerr := r.remove(ctx, id); err == nil {
			err = rerr
		}
	}()
	if code, ok := sigs.Interrupted(); ok {
		res.ExitCode = code
		return res, nil
	}
	res.ExitCode, err = r.execute(ctx, id, spec, stdio, sigs, &res)
	return res, err
}

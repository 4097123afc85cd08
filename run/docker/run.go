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
	swept := r.startSweep(ctx)
	defer func() { <-swept }()
	if err := r.ensureImage(ctx, spec, stdio.Progress, &res.Timing); err != nil {
		return res, err
	}
	t := time.Now()
	id, err := r.create(ctx, spec, consoleSize(spec, stdio.Terminal))
	res.Timing.Create = time.Since(t)
	if err != nil {
		return res, err
	}
	defer func() {
		if rerr := r.remove(ctx, id); err == nil {
			err = rerr
		}
	}()
	res.ExitCode, err = r.execute(ctx, id, spec, stdio, &res.Timing)
	return res, err
}

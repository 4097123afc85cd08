package native

import (
	"context"
	"time"

	"github.com/sshell/sshell/run"
)

// KeepOnce is Keep for one call only: a suite's leftovers check then sees
// no sandbox got ready for a next call.
func (r *Runner) KeepOnce(ctx context.Context, spec run.Spec, idle time.Duration) error {
	return r.keep(ctx, spec, idle, true)
}

// ReadyDir is where spec's kind of call is kept ready.
func (r *Runner) ReadyDir(spec run.Spec) string { return r.readyDir(spec) }

// SetRefreshEvery sets how often a keeper replaces its ready sandbox, for
// a test; the returned func restores it.
func SetRefreshEvery(d time.Duration) func() {
	old := refreshEvery
	refreshEvery = d
	return func() { refreshEvery = old }
}

//go:build !lean

package docker

import (
	"context"
	"time"

	"github.com/sshell/sshell/run"
)

// exitOOM is the code of a tool the kernel killed (SIGKILL, 128+9) for
// reaching its memory limit.
const exitOOM = 137

// timeLimit kills a container when its wall-clock timeout passes.
type timeLimit struct{ timer *time.Timer }

// limitTime kills container id with SIGKILL once d has passed; d <= 0 is no
// timeout. KILL, not TERM: a timeout is a bound, and a tool may ignore TERM.
func (r *Runner) limitTime(ctx context.Context, id string, d time.Duration) *timeLimit {
	if d <= 0 {
		return &timeLimit{}
	}
	ctx = context.WithoutCancel(ctx)
	return &timeLimit{timer: time.AfterFunc(d, func() { _ = r.cli.ContainerKill(ctx, id, "KILL") })}
}

// stop ends the timer and reports whether it fired.
func (l *timeLimit) stop() bool { return l.timer != nil && !l.timer.Stop() }

// stopped tells which bound, if any, stopped the tool that exited with
// code, and the exit code to report: 124 for a timeout (as timeout(1)),
// 137 for an out-of-memory kill. The stopped container still exists, so
// its state says whether the kernel killed it for its memory.
func (r *Runner) stopped(ctx context.Context, id string, code int, timedOut bool) (string, int) {
	if timedOut {
		return run.StoppedTimeout, run.ExitTimeout
	}
	if code != exitOOM {
		return "", code
	}
	if r.oomKilled(context.WithoutCancel(ctx), id) {
		return run.StoppedMemory, code
	}
	return "", code
}

// oomKilled reports the container's OOMKilled state. The daemon handles the
// kernel's OOM event apart from the exit, and may record it a moment after
// the exit is reported (seen on Engine 20.10: under load in CI the record
// came more than half a second late), so a SIGKILLed container is looked at
// again for up to two seconds before it counts as killed by something else.
// Only a tool that died by SIGKILL without an OOM record pays the full wait;
// an OOM kill returns as soon as the daemon records it.
func (r *Runner) oomKilled(ctx context.Context, id string) bool {
	for try := 0; ; try++ {
		c, err := r.cli.ContainerInspect(ctx, id)
		if err != nil || c.ContainerJSONBase == nil || c.State == nil {
			return false
		}
		if c.State.OOMKilled || try == oomChecks {
			return c.State.OOMKilled
		}
		time.Sleep(oomPause)
	}
}

const (
	oomChecks = 80
	oomPause  = 25 * time.Millisecond
)

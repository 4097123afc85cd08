//go:build !lean

package docker

import (
	"context"
	"os"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/sshell/sshell/run"
	"golang.org/x/term"
)

// consoleSize is the terminal's (height, width) for a TTY run, for daemons
// (API 1.42+) that size the console at create; older ones ignore it.
func consoleSize(spec run.Spec, t *os.File) [2]uint {
	if !spec.TTY || t == nil {
		return [2]uint{}
	}
	w, h, err := term.GetSize(int(t.Fd()))
	if err != nil {
		return [2]uint{}
	}
	return [2]uint{uint(h), uint(w)}
}

// resize gives the container's terminal the size of t. It fails when the
// tool has just exited, and, right after the start, before the daemon has
// set the terminal up.
func (r *Runner) resize(ctx context.Context, id string, t *os.File) error {
	w, h, err := term.GetSize(int(t.Fd()))
	if err != nil {
		return nil // not a terminal after all: nothing to follow
	}
	return r.cli.ContainerResize(ctx, id, container.ResizeOptions{Height: uint(h), Width: uint(w)})
}

// initialResize sizes the terminal right after the start. Daemons before
// API 1.42 ignore the size given at create, and may refuse a resize until
// the tool's terminal exists, so it is retried a few times with a growing
// pause, as the docker CLI does; a tool that exits first ends the retries.
func (r *Runner) initialResize(ctx context.Context, id string, t *os.File) {
	for try := 1; r.resize(ctx, id, t) != nil && try <= resizeTries; try++ {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Duration(try) * 10 * time.Millisecond):
		}
	}
}

const resizeTries = 10

// followResize resizes on every tick of resize until ctx ends.
func (r *Runner) followResize(ctx context.Context, id string, t *os.File, resize <-chan struct{}) {
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-resize:
			if !ok {
				return
			}
			_ = r.resize(ctx, id, t) // a tool that just exited needs no size
		}
	}
}

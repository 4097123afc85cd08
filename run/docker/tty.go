package docker

import (
	"context"
	"os"

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

// resize gives the container's terminal the size of t.
func (r *Runner) resize(ctx context.Context, id string, t *os.File) {
	w, h, err := term.GetSize(int(t.Fd()))
	if err != nil {
		return
	}
	// Fails only when the tool has just exited: nothing left to size.
	_ = r.cli.ContainerResize(ctx, id, container.ResizeOptions{Height: uint(h), Width: uint(w)})
}

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
			r.resize(ctx, id, t)
		}
	}
}

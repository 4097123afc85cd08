package docker

import (
	"context"
	"os"
)

// forwardSignals sends every signal from sigs to the container's init
// (tini), which passes it on to the tool, until ctx ends.
func (r *Runner) forwardSignals(ctx context.Context, id string, sigs <-chan os.Signal) {
	for {
		select {
		case <-ctx.Done():
			return
		case s, ok := <-sigs:
			if !ok {
				return
			}
			if name := signalName(s); name != "" {
				_ = r.cli.ContainerKill(ctx, id, name) // the tool may be gone already
			}
		}
	}
}

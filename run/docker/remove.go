//go:build !lean

package docker

import (
	"context"
	"strings"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/container"
)

// cleanupTimeout bounds the removal of a container, so that a hung daemon
// cannot hold the user's shell forever after the tool has exited.
const cleanupTimeout = time.Minute

// remove force-removes container id, also when ctx is already cancelled.
func (r *Runner) remove(ctx context.Context, id string) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
	defer cancel()
	err := r.cli.ContainerRemove(ctx, id, container.RemoveOptions{Force: true})
	if err != nil && !cerrdefs.IsNotFound(err) && !removing(err) {
		return wrap("removing container", id, err)
	}
	return nil
}

// removing: another client (a concurrent sweep or purge) is removing the
// container already; the daemon finishes that removal without us.
func removing(err error) bool {
	return cerrdefs.IsConflict(err) && strings.Contains(err.Error(), "already in progress")
}

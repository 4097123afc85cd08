//go:build !lean

package docker

import (
	"context"
	"strconv"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/sshell/sshell/internal/proc"
	"github.com/sshell/sshell/run"
)

// startSweep removes stale containers in the background; the returned
// channel is closed when it is done. It never fails a run: a container it
// cannot remove now is tried again by the next run.
func (r *Runner) startSweep(ctx context.Context) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.sweep(ctx)
	}()
	return done
}

// sweep force-removes the containers sshell processes on this host created
// and left behind when they died without cleaning up (SIGKILL, a crash).
func (r *Runner) sweep(ctx context.Context) {
	if r.host == "" {
		return // we could not tell our containers from other hosts'
	}
	list, err := r.cli.ContainerList(ctx, container.ListOptions{All: true, Filters: filters.NewArgs(
		filters.Arg("label", run.LabelManaged+"=true"),
		filters.Arg("label", run.LabelOwnerHost+"="+r.host))})
	if err != nil {
		return
	}
	for _, c := range list {
		if r.ours(c.Labels) && orphaned(c.Labels) {
			_ = r.cli.ContainerRemove(ctx, c.ID, container.RemoveOptions{Force: true})
		}
	}
}

// orphaned reports a container whose owner process is gone. Without a
// usable pid we cannot tell, and leave the container alone.
func orphaned(labels map[string]string) bool {
	pid, err := strconv.Atoi(labels[run.LabelOwnerPID])
	if err != nil || pid <= 0 {
		return false
	}
	return !proc.Alive(pid, labels[run.LabelOwnerStart])
}

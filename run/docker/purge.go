//go:build !lean

package docker

import (
	"context"
	"errors"
	"fmt"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/api/types/volume"
	"github.com/sshell/sshell/internal/proc"
	"github.com/sshell/sshell/run"
)

// ErrImageInUse: a container (not sshell's) uses the image, so it is kept.
var ErrImageInUse = errors.New("image in use by a container")

// managed is the filter for what sshell created: its label, on any host.
func managed() filters.Args { return filters.NewArgs(filters.Arg("label", run.LabelManaged+"=true")) }

// ManagedContainers lists the IDs of the containers, running or not, that
// carry sshell's label and that sshell on this host made, except those a
// live sshell process still runs a tool in (it removes them itself when
// the tool exits). Those, and the containers of sshell on other hosts
// sharing the daemon (whose processes cannot be checked from here), are
// in kept.
func (r *Runner) ManagedContainers(ctx context.Context) (ids, kept []string, err error) {
	list, err := r.cli.ContainerList(ctx, container.ListOptions{All: true, Filters: managed()})
	if err != nil {
		return nil, nil, wrap("listing containers labelled", run.LabelManaged, err)
	}
	for _, c := range list {
		if r.ours(c.Labels) && !r.live(c.Labels) {
			ids = append(ids, c.ID)
		} else {
			kept = append(kept, c.ID)
		}
	}
	return ids, kept, nil
}

// ours: made by sshell on this machine (its hostname and, when labelled,
// its machine id), or with no host label to tell.
func (r *Runner) ours(labels map[string]string) bool {
	h, m := labels[run.LabelOwnerHost], labels[run.LabelOwnerMachine]
	return h == "" || (h == r.host && (m == "" || m == proc.Machine()))
}

// live: its owner process on this machine is running.
func (r *Runner) live(labels map[string]string) bool {
	return r.host != "" && labels[run.LabelOwnerHost] == r.host && r.ours(labels) && labels[run.LabelOwnerPID] != "" && !orphaned(labels)
}

// ManagedVolumes lists the names of the volumes that carry sshell's label.
func (r *Runner) ManagedVolumes(ctx context.Context) ([]string, error) {
	list, err := r.cli.VolumeList(ctx, volume.ListOptions{Filters: managed()})
	if err != nil {
		return nil, wrap("listing volumes labelled", run.LabelManaged, err)
	}
	var names []string
	for _, v := range list.Volumes {
		names = append(names, v.Name)
	}
	return names, nil
}

// RemoveContainer force-removes container id; a missing one is no error.
func (r *Runner) RemoveContainer(ctx context.Context, id string) error { return r.remove(ctx, id) }

// RemoveVolume removes volume name; a missing one is no error.
func (r *Runner) RemoveVolume(ctx context.Context, name string) error {
	err := r.cli.VolumeRemove(ctx, name, true)
	if err != nil && !cerrdefs.IsNotFound(err) {
		return wrap("removing volume", name, err)
	}
	return nil
}

// RemoveImage removes the reference ref ("repo:tag" or "repo@sha256:..."),
// and the image once no reference is left. It never forces: an image that
// another reference names (a tag the user added) or a container uses stays.
// removed is false when the daemon did not hold ref.
func (r *Runner) RemoveImage(ctx context.Context, ref string) (removed bool, err error) {
	_, err = r.cli.ImageRemove(ctx, ref, image.RemoveOptions{PruneChildren: true})
	switch {
	case err == nil:
		return true, nil
	case cerrdefs.IsNotFound(err):
		return false, nil
	case cerrdefs.IsConflict(err):
		return false, fmt.Errorf("removing image %q: %w: %w", ref, ErrImageInUse, err)
	}
	return false, wrap("removing image", ref, err)
}

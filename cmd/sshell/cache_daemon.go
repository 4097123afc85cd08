package main

import (
	"context"
	"fmt"
	"time"

	"github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/client"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/docker"
)

// cacheDaemon is the small Docker adapter of `sshell cache`: it tells which
// candidates the daemon holds, which are in use, and removes them. The
// policy itself (package cache) never talks to Docker.
type cacheDaemon struct{ cli *client.Client }

func openCacheDaemon() (*cacheDaemon, error) {
	cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
	if err != nil {
		return nil, fmt.Errorf("configuring the Docker client: %w: %w", run.ErrDaemonUnreachable, err)
	}
	return &cacheDaemon{cli: cli}, nil
}

func (d *cacheDaemon) Close() error { return d.cli.Close() }

// held asks the daemon about each candidate: the ones it holds get their
// sizes, and are marked when a container sshell made uses them (running or
// not: it may be about to); the others are marked absent (the pre-warm
// may pull them back), their size the records' estimate.
func (d *cacheDaemon) held(ctx context.Context, imgs []cache.Image) ([]cache.Image, error) {
	inUse, err := d.inUse(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]cache.Image, 0, len(imgs))
	for _, im := range imgs {
		info, err := d.cli.ImageInspect(ctx, im.Ref)
		switch {
		case errdefs.IsNotFound(err):
			im.Absent = true
			im.WithSize(im.Bytes)
		case err != nil:
			return nil, fmt.Errorf("inspecting image %q: %w", im.Ref, err)
		default:
			im.WithSize(info.Size)
			im.InUse = inUse[info.ID]
		}
		out = append(out, im)
	}
	return out, nil
}

// pull pulls ref ahead of its predicted call (the pre-warm), as a run
// would, through the Docker runner; it records no call.
func (d *cacheDaemon) pull(ctx context.Context, ref string) error {
	r, err := docker.New()
	if err != nil {
		return err
	}
	defer r.Close()
	ctx, cancel := context.WithTimeout(ctx, pullTimeout)
	defer cancel()
	if _, err := r.Pull(ctx, ref, nil); err != nil {
		return fmt.Errorf("pulling %q ahead of its next call: %w", ref, err)
	}
	return nil
}

// pullTimeout bounds one pre-warm pull, so that a hung registry cannot hold
// the gc (and its lock) for ever.
const pullTimeout = 10 * time.Minute

// inUse is the set of image IDs that containers labelled as sshell's use.
func (d *cacheDaemon) inUse(ctx context.Context) (map[string]bool, error) {
	list, err := d.cli.ContainerList(ctx, container.ListOptions{All: true,
		Filters: filters.NewArgs(filters.Arg("label", run.LabelManaged+"=true"))})
	if err != nil {
		return nil, fmt.Errorf("listing sshell's containers: %w", err)
	}
	ids := map[string]bool{}
	for _, c := range list {
		ids[c.ImageID] = true
	}
	return ids, nil
}

// remove removes the reference ref, never by force: when another tag names
// the same image, only ref goes, and the daemon refuses while any
// container (the user's too) uses it.
func (d *cacheDaemon) remove(ctx context.Context, ref string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if _, err := d.cli.ImageRemove(ctx, ref, image.RemoveOptions{PruneChildren: true}); err != nil {
		return fmt.Errorf("removing image %q: %w", ref, err)
	}
	return nil
}

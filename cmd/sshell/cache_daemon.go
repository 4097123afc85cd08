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

// held keeps the candidates the daemon holds, with their sizes, and marks
// those a container sshell made uses (running or not: it may be about to).
func (d *cacheDaemon) held(ctx context.Context, imgs []cache.Image) ([]cache.Image, error) {
	inUse, err := d.inUse(ctx)
	if err != nil {
		return nil, err
	}
	var out []cache.Image
	for _, im := range imgs {
		info, err := d.cli.ImageInspect(ctx, im.Ref)
		if errdefs.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("inspecting image %q: %w", im.Ref, err)
		}
		im.WithSize(info.Size)
		im.InUse = inUse[info.ID]
		out = append(out, im)
	}
	return out, nil
}

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

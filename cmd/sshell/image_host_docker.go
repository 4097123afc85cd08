//go:build !lean

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

	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/docker"
)

// dockerHost is the Docker daemon as an imageHost: the images a run on the
// Docker runtime pulled. The policy (package cache) never talks to Docker.
type dockerHost struct {
	cli *client.Client
	r   *docker.Runner // pulls as a run pulls: credentials, platform, digest
}

func openDockerHost() (*dockerHost, error) {
	cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
	if err != nil {
		return nil, fmt.Errorf("configuring the Docker client: %w: %w", run.ErrDaemonUnreachable, err)
	}
	r, err := docker.New()
	if err != nil {
		cli.Close()
		return nil, err
	}
	return &dockerHost{cli: cli, r: r}, nil
}

func (d *dockerHost) runtime() string { return runtimeDocker }

func (d *dockerHost) close() error {
	d.r.Close()
	return d.cli.Close()
}

// ping fails, wrapping run.ErrDaemonUnreachable, when the daemon does not
// answer.
func (d *dockerHost) ping(ctx context.Context) error {
	if _, err := d.cli.Ping(ctx); err != nil {
		return fmt.Errorf("the Docker daemon at %s: %w: %w", d.cli.DaemonHost(), run.ErrDaemonUnreachable, err)
	}
	return nil
}

func (d *dockerHost) local(ctx context.Context, ref string) (localImage, bool, error) {
	info, err := d.cli.ImageInspect(ctx, ref)
	switch {
	case errdefs.IsNotFound(err):
		return localImage{}, false, nil
	case err != nil:
		return localImage{}, false, fmt.Errorf("inspecting image %q: %w", ref, err)
	}
	digest, _, err := d.r.ImageDigest(ctx, ref)
	if err != nil {
		return localImage{}, false, err
	}
	return localImage{Size: info.Size, Digest: digest, ID: info.ID}, true, nil
}

func (d *dockerHost) pull(ctx context.Context, ref, platform string) (string, error) {
	return d.r.PullPlatform(ctx, ref, platform, nil)
}

// dockerUsage are the image IDs that containers labelled as sshell's use.
type dockerUsage map[string]bool

func (u dockerUsage) uses(img localImage, _ string) bool { return u[img.ID] }

// usage: an image a container sshell made uses, running or not (it may be
// about to).
func (d *dockerHost) usage(ctx context.Context) (imageUsage, error) {
	list, err := d.cli.ContainerList(ctx, container.ListOptions{All: true,
		Filters: filters.NewArgs(filters.Arg("label", run.LabelManaged+"=true"))})
	if err != nil {
		return nil, fmt.Errorf("listing sshell's containers: %w", err)
	}
	ids := dockerUsage{}
	for _, c := range list {
		ids[c.ImageID] = true
	}
	return ids, nil
}

// remove removes the reference ref, never by force: when another tag names
// the same image, only ref goes, and the daemon refuses while any
// container (the user's too) uses it.
func (d *dockerHost) remove(ctx context.Context, ref string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if _, err := d.cli.ImageRemove(ctx, ref, image.RemoveOptions{PruneChildren: true}); err != nil {
		return fmt.Errorf("removing image %q: %w", ref, err)
	}
	return nil
}

// tidy has nothing to do: the daemon keeps a superseded image as
// REPO@DIGEST, which gc removes by name.
func (d *dockerHost) tidy(context.Context) error { return nil }

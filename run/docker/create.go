//go:build !lean

package docker

import (
	"context"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"
	"github.com/sshell/sshell/run"
)

// create makes the container for spec; size is the terminal's initial
// (height, width), zero without one.
func (r *Runner) create(ctx context.Context, spec run.Spec, size [2]uint) (string, error) {
	resp, err := r.cli.ContainerCreate(ctx, r.config(spec), hostConfig(spec, size), nil, ociPlatform(spec.Platform), "")
	if err != nil {
		return "", wrap("creating a container from", spec.Image, err)
	}
	return resp.ID, nil
}

// config is the container's configuration: stdin is always attached and
// closed at its EOF, so a tool that reads it never waits for input that
// cannot come.
func (r *Runner) config(spec run.Spec) *container.Config {
	return &container.Config{
		Image:      spec.Image,
		Entrypoint: entrypoint(spec.Entrypoint),
		Cmd:        command(spec),
		Env:        spec.Env,
		WorkingDir: spec.WorkDir,
		User:       spec.User,
		Tty:        spec.TTY,
		OpenStdin:  true, StdinOnce: true,
		AttachStdin: true, AttachStdout: true, AttachStderr: true,
		Labels: run.OwnerLabels(spec, r.host),
	}
}

// entrypoint keeps the image's ENTRYPOINT for nil; an empty, non-nil one
// clears it, which the Engine API spells [""].
func entrypoint(e []string) []string {
	if e != nil && len(e) == 0 {
		return []string{""}
	}
	return e
}

// command is the container's Cmd. Nil lets the image's CMD apply, which we
// want only when neither the entrypoint nor the arguments are given: a CMD
// written for the image's own entrypoint must not leak into another one.
func command(spec run.Spec) []string {
	if len(spec.Args) == 0 && spec.Entrypoint != nil {
		return []string{}
	}
	return spec.Args
}

// hostConfig runs tini as PID 1 (it reaps zombies and forwards signals),
// keeps the container after exit so that Run can tell why a tool exited 126
// or 127 (or was killed for its memory) before removing it, and isolates
// the tool (isolate.go).
func hostConfig(spec run.Spec, size [2]uint) *container.HostConfig {
	init := true
	hc := &container.HostConfig{
		Init:        &init,
		NetworkMode: container.NetworkMode(network(spec.Network)),
		ConsoleSize: size,
	}
	if spec.WorkDir != "" {
		hc.Mounts = []mount.Mount{{Type: mount.TypeBind, Source: spec.WorkDir, Target: spec.WorkDir}}
	}
	isolate(hc, spec)
	return hc
}

// network defaults to none.
func network(n string) string {
	if n == "" {
		return run.NetworkNone
	}
	return n
}

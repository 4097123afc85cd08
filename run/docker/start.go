//go:build !lean

package docker

import (
	"context"
	"fmt"
	"strings"

	"github.com/docker/docker/api/types/container"
	"github.com/sshell/sshell/run"
)

// start starts the created container. The OCI runtime refuses to start a
// command it cannot exec (without tini in front, or should tini itself be
// missing): that is the user's cannot-invoke, not sshell's failure.
func (r *Runner) start(ctx context.Context, id string, spec run.Spec) error {
	err := r.cli.ContainerStart(ctx, id, container.StartOptions{})
	if err != nil && execFailed(err.Error()) {
		return fmt.Errorf("starting %q: %w: %w", argv0(spec), run.ErrCannotInvoke, err)
	}
	if err != nil {
		return wrap("starting a container from", spec.Image, err)
	}
	return nil
}

// execFailed recognises runc's exec failures, e.g.
// `exec: "x": executable file not found in $PATH`, `exec: "/x": stat /x:
// no such file or directory`, `exec: "/x": permission denied`; older
// runtimes quote the name as \"x\". Mount failures also say "no such file
// or directory", but never "exec: ". A daemon without docker-init fails
// so too, but that is no fault of the tool's.
func execFailed(msg string) bool {
	if !strings.Contains(msg, "exec: ") || strings.Contains(msg, "docker-init") {
		return false
	}
	for _, s := range []string{"executable file not found", "no such file or directory", "permission denied"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// argv0 names the command for messages, as well as spec tells it.
func argv0(spec run.Spec) string {
	switch {
	case len(spec.Entrypoint) > 0:
		return spec.Entrypoint[0]
	case spec.Entrypoint != nil && len(spec.Args) > 0:
		return spec.Args[0]
	}
	return spec.Command
}

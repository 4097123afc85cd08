//go:build !lean

package docker

import (
	"context"
	"fmt"
	"strings"

	"github.com/sshell/sshell/run"
)

// checkInvoked tells a tool that exited 126 or 127 from one that could not
// be executed at all: tini exits so, too, when its exec fails. The stopped
// container still exists, so we look at its file system: a command that is
// missing or not executable there could not run. A command that is there
// but tini still could not exec (a missing interpreter or loader) is told
// by tini's own line. Either way tini's line gives way to our error.
func (r *Runner) checkInvoked(ctx context.Context, id string, code int, tini *tiniLine) error {
	err := r.invokeError(ctx, id, code, tini.failure())
	if ferr := tini.finish(err != nil); err == nil && ferr != nil {
		return fmt.Errorf("copying the output: %w", ferr)
	}
	return err
}

func (r *Runner) invokeError(ctx context.Context, id string, code int, said string) error {
	if code != 126 && code != 127 {
		return nil
	}
	ctx = context.WithoutCancel(ctx)
	c, err := r.cli.ContainerInspect(ctx, id)
	if err != nil {
		return nil // we cannot tell: the exit code goes through
	}
	found, err := r.findExecutable(ctx, id, c.Path, c.Config)
	switch {
	case err == nil && !found:
		return fmt.Errorf("starting %q: %w: %s", c.Path, run.ErrCannotInvoke, notFound(c.Path, said))
	case said != "" && found && code == 127:
		return fmt.Errorf("starting %q: %w: %s (its interpreter or loader is missing from the image)",
			c.Path, run.ErrCannotInvoke, said)
	case said != "":
		return fmt.Errorf("starting %q: %w: %s", c.Path, run.ErrCannotInvoke, said)
	}
	return nil
}

// notFound says why the command could not be found.
func notFound(argv0, said string) string {
	switch {
	case said != "":
		return said
	case strings.Contains(argv0, "/"):
		return "no executable file at that path in the image"
	}
	return "no executable file by that name in the container's PATH"
}

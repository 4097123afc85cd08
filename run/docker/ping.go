//go:build !lean

package docker

import (
	"context"
	"fmt"

	"github.com/sshell/sshell/run"
)

// Describe asks the daemon who it is, for `sshell doctor`: its version,
// API version and address. It fails, wrapping run.ErrDaemonUnreachable,
// when the daemon cannot be reached.
func (r *Runner) Describe(ctx context.Context) (string, error) {
	v, err := r.cli.ServerVersion(ctx)
	if err != nil {
		return "", fmt.Errorf("asking the Docker daemon at %s its version: %w: %w", r.cli.DaemonHost(), run.ErrDaemonUnreachable, err)
	}
	return fmt.Sprintf("Docker Engine %s (API %s) at %s", v.Version, v.APIVersion, r.cli.DaemonHost()), nil
}

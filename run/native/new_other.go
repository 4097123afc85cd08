//go:build !linux

package native

import (
	"context"
	"fmt"
	"time"

	"github.com/sshell/sshell/run"
)

func newRunner(o options, host string) (*Runner, error) {
	return &Runner{store: o.store, state: o.stateDir, host: host}, nil
}

// Run fails: the sandbox needs Linux (see Available).
func (r *Runner) Run(ctx context.Context, spec run.Spec, stdio run.IO) (run.Result, error) {
	return run.Result{}, fmt.Errorf("running %q: %w", spec.Command, Available())
}

// Keep fails: the sandbox needs Linux (see Available).
func (r *Runner) Keep(ctx context.Context, spec run.Spec, idle time.Duration) error {
	return fmt.Errorf("keeping %q ready: %w", spec.Command, Available())
}

// KeeperPIDs is empty: no keeper runs without Linux.
func KeeperPIDs(stateDir string) []int { return nil }

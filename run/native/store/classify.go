package store

import (
	"context"
	"errors"
	"fmt"
	"syscall"

	"github.com/sshell/sshell/run"
)

// classifyFS returns run.ErrNoSpace for a full disk (or quota), else err.
func classifyFS(err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		return run.ErrNoSpace
	}
	return err
}

// wrap adds the operation, its input and the kind of err, when known:
// `pulling "alpine": image not found: <cause>`. Once ctx has ended, the
// failure is the caller's doing, of no kind.
func wrap(ctx context.Context, op, input string, err error) error {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) {
		return fmt.Errorf("%s %q: %w", op, input, err)
	}
	if kind := classify(err); kind != nil && !errors.Is(err, kind) {
		return fmt.Errorf("%s %q: %w: %w", op, input, kind, err)
	}
	return fmt.Errorf("%s %q: %w", op, input, err)
}

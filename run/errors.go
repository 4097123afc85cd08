package run

import "errors"

// Kinds of sshell's own failures. Runners wrap the cause with one of these
// (fmt.Errorf("pulling %q: %w: %w", ref, run.ErrImageNotFound, cause)) so the
// CLI can pick the exit code and the advice without parsing messages.
var (
	ErrDaemonUnreachable   = errors.New("container runtime unreachable")
	ErrImageNotFound       = errors.New("image not found")
	ErrRegistryUnreachable = errors.New("registry unreachable")
	ErrAuthDenied          = errors.New("registry denied access")
	ErrCannotInvoke        = errors.New("command cannot be invoked")
	ErrNoSpace             = errors.New("no space left on device")
)

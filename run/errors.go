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
	// ErrFullBuild is what the lean build of sshell (-tags lean: no
	// Docker runtime, no registry client) leaves to the full one, which it
	// then runs with the same arguments (docs/native.md).
	ErrFullBuild = errors.New("left to the full build of sshell")
)

// Package run defines how sshell runs one tool invocation, independent of the
// container runtime. Implementations live in subpackages (run/docker first;
// later a native sandbox and Kubernetes). Every implementation must pass the
// shared conformance suite in run/runtest.
package run

import (
	"context"
	"io"
	"os"
	"time"
)

// Runner runs one tool invocation to completion.
//
// Run blocks until the tool has exited and everything the runner created for
// it has been removed. A tool that exits non-zero is not an error: its code is
// in Result.ExitCode (death by signal N is reported as 128+N). Errors are
// sshell's own failures and wrap one of the Err* kinds in errors.go.
type Runner interface {
	Run(ctx context.Context, spec Spec, stdio IO) (Result, error)
}

// Spec is one invocation, as plain data.
type Spec struct {
	// Command is the name the user typed (for labels and messages).
	Command string
	// Image is the image reference to run.
	Image string
	// Platform is the image's platform to pull and run, "os/arch[/variant]"
	// ("linux/arm64"); empty: the daemon's own.
	Platform string
	// Entrypoint replaces the image's ENTRYPOINT when non-nil.
	Entrypoint []string
	// Args follow the entrypoint. When Entrypoint is nil and Args is empty,
	// the image's CMD is used.
	Args []string
	// Env is the complete environment given to the tool, as KEY=VALUE.
	Env []string
	// Network is NetworkNone (the default when empty), NetworkHost or NetworkBridge.
	Network string
	// WorkDir is the host directory mounted read-write at the same absolute
	// path and used as the working directory. Empty: no mount.
	WorkDir string
	// User is "uid:gid" to run as; empty keeps the image's user.
	User string
	// TTY gives the tool a terminal. IO.Terminal must then be set.
	TTY bool
	// Pull says when to fetch the image.
	Pull PullPolicy
	// Labels are added to everything the runner creates, beside its own.
	Labels map[string]string

	// The isolation (docs/security.md). By default the tool keeps no
	// capability, cannot gain privileges (no-new-privileges, the runtime's
	// default seccomp profile), sees the image root read-only with a
	// writable tmpfs at /tmp, has its own PID and IPC namespaces, and is
	// bounded by Limits' defaults.

	// Limits bound memory, CPU, processes, /tmp and time; zero fields take
	// the defaults in limits.go.
	Limits Limits
	// CapAdd lists the capabilities the tool keeps ("NET_RAW"); every other
	// one is dropped.
	CapAdd []string
	// Mounts are host paths made visible beside WorkDir; nothing else of
	// the host is.
	Mounts []Mount
	// ReadWriteRoot makes the image's root file system writable.
	ReadWriteRoot bool
	// Privileged lifts the isolation: every capability and device, no
	// seccomp, no no-new-privileges, a writable root. Limits still apply.
	Privileged bool
}

// Network modes.
const (
	NetworkNone   = "none"
	NetworkHost   = "host"
	NetworkBridge = "bridge"
)

// IO connects a run to the caller.
type IO struct {
	Stdin          io.Reader // read until EOF, then the tool's stdin is closed; nil means empty
	Stdout, Stderr io.Writer // byte-exact; with a TTY everything goes to Stdout
	// Signals carries signals to forward to the tool (INT, TERM, HUP, QUIT).
	Signals <-chan os.Signal
	// Terminal is the caller's terminal when Spec.TTY is set: its size is
	// applied at start and again on every Resize. The caller puts it in raw
	// mode and restores it; the runner never changes its mode.
	Terminal *os.File
	Resize   <-chan struct{}
	// OnStart, when set, is called once just before the tool starts, after
	// the image is present and everything is ready: the caller switches its
	// terminal to raw mode there, so that a Ctrl-C during a long pull is
	// still a signal that stops sshell, and progress prints normally.
	OnStart func()
	// Progress receives human-readable pull progress; nil means quiet.
	Progress io.Writer
}

// Result is what a completed run reports.
type Result struct {
	ExitCode int
	// Stopped says which bound stopped the tool: StoppedMemory,
	// StoppedTimeout, or empty when none did.
	Stopped string
	Timing  Timing
	// Digest is the image's registry digest ("sha256:..."), when the runner
	// learnt it without an extra request; empty otherwise.
	Digest string
}

// Timing splits a run into its parts, for the cache's MTTS and MTTE.
type Timing struct {
	Pulled    bool          // the image had to be fetched (a cold call)
	Ready     bool          // a sandbox set up ahead of the call ran it (native: docs/native.md)
	PullBytes int64         // bytes fetched, when known
	Pull      time.Duration // image check plus pull
	Create    time.Duration
	Start     time.Duration
	Exec      time.Duration // from start to exit
}

// Setup is the time paid before the tool ran (MTTS).
func (t Timing) Setup() time.Duration { return t.Pull + t.Create + t.Start }

// Package native is a run.Runner that needs no daemon: it pulls images
// into its own store (run/native/store) and runs each tool in a sandbox of
// Linux namespaces (run/native/sandbox), bounded by a cgroup of its own
// (run/native/cgroup) and Docker's default seccomp profile
// (run/native/seccomp).
//
// One Run makes the image present as the pull policy says, creates the
// run's state directory (labels.json, the sandbox's mount points) and its
// cgroup, starts the sandbox's init, puts it in the cgroup, lets the tool
// start, forwards signals and terminal resizes, enforces the timeout, and
// removes the cgroup and the state directory when the tool has exited.
// Alongside every run it removes what runs of sshell processes that died
// left behind (sweep.go). See docs/native.md.
//
// A binary that uses this runner must call sandbox.Init first thing in
// main (and a test binary in TestMain).
package native

import (
	"os"

	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native/store"
)

// Runner runs tools in native sandboxes. It is safe for concurrent use.
type Runner struct {
	store   *store.Store
	state   string         // the runs' state directories are made here
	host    string         // this machine's hostname, for the owner labels
	unbound bool           // run without cgroup limits when cgroups are unavailable
	userns  bool           // not root: the sandbox runs in a user namespace
	overlay bool           // overlayfs works here: else the store's flattened roots
	cgroups error          // why per-run cgroups cannot be made here, nil when they can
	spawn   func(run.Spec) // starts a keeper (WithReady); nil: no ready sandboxes
}

var _ run.Runner = (*Runner)(nil)

// Option configures New.
type Option func(*options)

type options struct {
	storeDir, stateDir string
	store              *store.Store
	storeOpts          []store.Option
	unbound            bool
	spawn              func(run.Spec)
}

// WithStoreDir keeps images in dir instead of DefaultStoreDir().
func WithStoreDir(dir string) Option { return func(o *options) { o.storeDir = dir } }

// WithStore uses an opened store (its directory wins over WithStoreDir).
func WithStore(s *store.Store) Option { return func(o *options) { o.store = s } }

// WithStoreOptions passes options (a keychain, mirrors) to store.Open.
func WithStoreOptions(opts ...store.Option) Option {
	return func(o *options) { o.storeOpts = append(o.storeOpts, opts...) }
}

// WithStateDir makes the runs' state directories in dir instead of
// DefaultStateDir(). It should be on a tmpfs: a run makes a few directories
// there, and removes them.
func WithStateDir(dir string) Option { return func(o *options) { o.stateDir = dir } }

// WithoutLimits lets runs go ahead unbounded in memory, CPU and processes
// where cgroups are unavailable (an unprivileged user without a delegated
// cgroup): without it, such a run fails, saying why. The timeout and the
// size of /tmp still apply.
func WithoutLimits() Option { return func(o *options) { o.unbound = true } }

// WithReady makes Run hand each call to a sandbox kept ready for its kind
// of call (Keep), when there is one, and, after a call that found none,
// call spawn with the spec for a keeper (KeeperSpec): spawn should start
// one in the background, such as a detached process calling Keep, and
// must not wait for it. Ready sandboxes need overlayfs and Linux 6.15.
func WithReady(spawn func(run.Spec)) Option { return func(o *options) { o.spawn = spawn } }

// New returns a Runner on the store and state directories, opening
// (creating) the store. It starts nothing.
func New(opts ...Option) (*Runner, error) {
	o := options{}
	for _, opt := range opts {
		opt(&o)
	}
	if o.store == nil {
		dir := o.storeDir
		if dir == "" {
			dir = DefaultStoreDir()
		}
		s, err := store.Open(dir, o.storeOpts...)
		if err != nil {
			return nil, err
		}
		o.store = s
	}
	if o.stateDir == "" {
		o.stateDir = DefaultStateDir()
	}
	host, _ := os.Hostname()
	return newRunner(o, host)
}

// Store is the runner's image store.
func (r *Runner) Store() *store.Store { return r.store }

// KeeperSpec is spec without what each call brings: what a keeper needs.
func KeeperSpec(spec run.Spec) run.Spec {
	spec.Entrypoint, spec.Args, spec.Env, spec.WorkDir, spec.User, spec.TTY = nil, nil, nil, "", "", false
	return spec
}

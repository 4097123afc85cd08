package native

import (
	"fmt"
	"os"
	"syscall"

	"github.com/sshell/sshell/run/native/cgroup"
)

// newRunner checks the state directory and notes how runs will go here
// (once: these checks read files of /proc and /sys).
func newRunner(o options, host string) (*Runner, error) {
	if err := ownDir(o.stateDir); err != nil {
		return nil, err
	}
	return &Runner{store: o.store, state: o.stateDir, host: host, unbound: o.unbound,
		userns: os.Geteuid() != 0, overlay: overlayWorks(), cgroups: cgroup.Available(), spawn: o.spawn}, nil
}

// ownDir makes dir when missing and checks that it is a directory of this
// user's that nobody else may write to: runs' mount points are made there,
// and the default for a user without a runtime directory is in the shared
// temporary directory, where someone else could have made it first.
func ownDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("making the native runtime's state directory: %w", err)
	}
	st, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("checking the native runtime's state directory: %w", err)
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !st.IsDir() || !ok || int(sys.Uid) != os.Geteuid() || st.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("the native runtime's state directory %s must be a directory of uid %d's that only it may write to", dir, os.Geteuid())
	}
	return nil
}

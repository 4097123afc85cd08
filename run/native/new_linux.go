package native

import (
	"fmt"
	"os"

	"github.com/sshell/sshell/run/native/cgroup"
)

// newRunner checks that the state directory can be made and notes how runs
// will go here (once: these checks read files of /proc and /sys).
func newRunner(o options, host string) (*Runner, error) {
	if err := os.MkdirAll(o.stateDir, 0o700); err != nil {
		return nil, fmt.Errorf("making the native runtime's state directory: %w", err)
	}
	return &Runner{store: o.store, state: o.stateDir, host: host, unbound: o.unbound,
		userns: os.Geteuid() != 0, overlay: overlayWorks(), cgroups: cgroup.Available()}, nil
}

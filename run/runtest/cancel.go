package runtest

import (
	"testing"

	"github.com/sshell/sshell/run"
)

// testCancel cancels the context while the tool runs: Run must return and
// leave nothing behind. Midway, Leftovers must see exactly the one container
// (which also proves Spec.Labels are applied and Leftovers works).
func (f *fixture) testCancel(t *testing.T) {
	t.Parallel()
	spec := f.spec("wait-signal")
	stdout := newSyncBuffer()
	rn := start(t, f.New(t), spec, run.IO{Stdout: stdout, Stderr: newSyncBuffer()})
	rn.awaitOutput(t, stdout, "ready\n")
	if ids := f.Leftovers(t, spec.Labels); len(ids) != 1 {
		t.Errorf("while running: Leftovers(%v) = %v, want exactly one container", spec.Labels, ids)
	}
	rn.cancel()
	res, err := rn.wait(t)
	t.Logf("cancelled run returned exit %d, err %v", res.ExitCode, err)
	f.noLeftovers(t, spec)
}

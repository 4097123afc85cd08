package runtest

import (
	"testing"

	"github.com/sshell/sshell/run"
)

// testPull runs first, in order: the first run of a fresh image fetches it,
// the second does not, and PullNever then finds it.
func (f *fixture) testPull(t *testing.T) {
	first := f.mustRun(t, f.spec("exit", "0"), run.IO{}, 0)
	if !first.Timing.Pulled {
		t.Errorf("first run of a fresh image: Timing.Pulled = false, want true")
	}
	second := f.mustRun(t, f.spec("exit", "0"), run.IO{}, 0)
	if second.Timing.Pulled {
		t.Errorf("second run: Timing.Pulled = true, want false (the image is present)")
	}
	never := f.spec("exit", "0")
	never.Pull = run.PullNever
	f.mustRun(t, never, run.IO{}, 0)
}

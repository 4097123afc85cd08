package runtest

import (
	"bytes"
	"testing"

	"github.com/sshell/sshell/run"
)

// testPull runs first, in order: the first run of a fresh image fetches it
// (progress goes to IO.Progress only, never into the tool's output), the
// second does not, and PullNever then finds it.
func (f *fixture) testPull(t *testing.T) {
	var stdout, stderr, progress bytes.Buffer
	stdio := run.IO{Stdout: &stdout, Stderr: &stderr, Progress: &progress}
	first := f.mustRun(t, f.spec("echo-split", "out", "err"), stdio, 0)
	if !first.Timing.Pulled {
		t.Errorf("first run of a fresh image: Timing.Pulled = false, want true")
	}
	if stdout.String() != "out" || stderr.String() != "err" {
		t.Errorf("cold run: stdout %q stderr %q, want the tool's own \"out\" and \"err\" (progress: %q)", stdout.String(), stderr.String(), progress.String())
	}
	second := f.mustRun(t, f.spec("exit", "0"), run.IO{}, 0)
	if second.Timing.Pulled {
		t.Errorf("second run: Timing.Pulled = true, want false (the image is present)")
	}
	never := f.spec("exit", "0")
	never.Pull = run.PullNever
	f.mustRun(t, never, run.IO{}, 0)
}

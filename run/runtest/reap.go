package runtest

import "testing"

// testReap: the container's init reaps zombies. The tool orphans exited
// children, which the kernel gives to PID 1; without a reaping init they
// stay zombies for the whole run.
func (f *fixture) testReap(t *testing.T) {
	t.Parallel()
	out, _ := f.outputs(t, f.spec("reap-check", "5"), nil, 0)
	if out != "zombies=0\n" {
		t.Errorf("reap-check 5: %q, want zombies=0: orphaned children were not reaped", out)
	}
}

package runtest

import (
	"testing"
)

func (f *fixture) testTTY(t *testing.T) {
	t.Run("IsTTY", f.testIsTTY)
	t.Run("SizeAndResize", f.testResize)
	t.Run("CtrlC", f.testCtrlC)
	t.Run("ExitCode", f.testTTYExitCode)
}

// testIsTTY: with Spec.TTY the tool's stdin, stdout and stderr are terminals.
func (f *fixture) testIsTTY(t *testing.T) {
	t.Parallel()
	rig := newTTY(t, 24, 80)
	f.mustRun(t, f.ttySpec("istty"), rig.io(), 0)
	if got, want := rig.waitLine(t, "stdin="), "stdin=1 stdout=1 stderr=1"; got != want {
		t.Errorf("istty with Spec.TTY: %q, want %q", got, want)
	}
}

// testResize: the tool sees the terminal's size, and the new size after a
// resize is announced on IO.Resize. The tool prints its size at start and on
// every SIGWINCH; the test waits for each size it set, then types a line to
// end the tool (which also proves typed input reaches it).
func (f *fixture) testResize(t *testing.T) {
	t.Parallel()
	rig := newTTY(t, 31, 101)
	spec := f.ttySpec("ttysize-watch")
	rn := start(t, f.New(t), spec, rig.io())
	rig.waitFor(t, "size=31,101")
	rig.setSize(t, 42, 123)
	rig.resize <- struct{}{}
	rig.waitFor(t, "size=42,123")
	rig.master.WriteString("q\r")
	res, err := rn.wait(t)
	f.noLeftovers(t, spec)
	if err != nil || res.ExitCode != 0 {
		t.Errorf("ttysize-watch: exit %d, err %v, want 0 and nil", res.ExitCode, err)
	}
}

// testCtrlC: Ctrl-C typed on the terminal reaches the tool as SIGINT.
func (f *fixture) testCtrlC(t *testing.T) {
	t.Parallel()
	rig := newTTY(t, 24, 80)
	spec := f.ttySpec("wait-signal")
	rn := start(t, f.New(t), spec, rig.io())
	rig.waitFor(t, "ready")
	rig.master.WriteString("\x03")
	res, err := rn.wait(t)
	f.noLeftovers(t, spec)
	if err != nil || res.ExitCode != 130 {
		t.Errorf("Ctrl-C on the terminal: exit %d, err %v, want 130 and nil (terminal: %q)", res.ExitCode, err, rig.out.String())
	}
	rig.waitFor(t, "got SIGINT")
}

func (f *fixture) testTTYExitCode(t *testing.T) {
	t.Parallel()
	rig := newTTY(t, 24, 80)
	f.mustRun(t, f.ttySpec("exit", "42"), rig.io(), 42)
}

// Package runtest is the conformance suite every run.Runner must pass (docker
// now; a native sandbox and Kubernetes later). A runner's own test wires it:
//
//	func TestConformance(t *testing.T) {
//		runtest.Suite{
//			New:         func(t *testing.T) run.Runner { return newRunner(t) },
//			Unreachable: func(t *testing.T) run.Runner { return runnerWithDeadDaemon(t) },
//			Leftovers:   func(t *testing.T, l map[string]string) []string { return containersWith(t, l) },
//		}.Run(t)
//	}
//
// The suite starts a registry on 127.0.0.1 (internal/testimage), pushes
// images holding internal/testtool, and runs them through the runner:
// stdio byte-exactness, 16 MiB through stdin, exit codes and death by
// signal, stdin EOF, TTY (istty, size, resize, Ctrl-C) through a real pty,
// signal forwarding, zombie reaping, working directory, user, environment, context
// cancellation, leftovers after every run, the error kinds of run/errors.go,
// and the isolation, attacked by a hostile image (security.go: it logs
// "N attacks tried, N blocked").
//
// Every Spec the suite builds carries the label LabelKey=<random> (unique per
// run) so Leftovers can find what a run left behind. The suite never makes a
// timed assertion: contexts carry generous deadlines only so a broken runner
// fails instead of hanging.
package runtest

import (
	"testing"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
)

// LabelKey is the label the suite puts on every Spec, with a value unique to
// that run.
const LabelKey = "io.sshell.test"

// Suite describes the runner under test.
type Suite struct {
	// New returns a working runner. Required.
	New func(t *testing.T) run.Runner
	// Unreachable returns a runner whose daemon cannot be reached; nil skips
	// that subtest with a reason.
	Unreachable func(t *testing.T) run.Runner
	// Leftovers lists the IDs of containers (in any state) still present
	// that carry all of labels. Required.
	Leftovers func(t *testing.T, labels map[string]string) []string
	// SkipSecurity, when set, is why the adversarial subtests (Security:
	// the default isolation and the bounds of run.Limits) are skipped.
	SkipSecurity string
}

// fixture is what all subtests share: one registry and the images in it.
type fixture struct {
	Suite
	reg  *testimage.Registry
	tool string // image: ENTRYPOINT /testtool, CMD echo-split from-cmd "", env SSHELL_IMAGE_VAR
}

// Run runs the whole suite as subtests of t. The pull subtests run first, in
// order; the rest run in parallel.
func (s Suite) Run(t *testing.T) {
	if s.New == nil || s.Leftovers == nil {
		t.Fatal("runtest.Suite needs New and Leftovers")
	}
	f := &fixture{Suite: s, reg: testimage.StartRegistry(t)}
	f.tool = testimage.Push(t, f.reg, "runtest/tool",
		testimage.WithCmd("echo-split", "from-cmd", ""), testimage.WithEnv(imageVar))
	t.Run("Pull", f.testPull)
	t.Run("Stdio", f.testStdio)
	t.Run("ExitCode", f.testExitCodes)
	t.Run("Signals", f.testSignals)
	t.Run("Reap", f.testReap)
	t.Run("TTY", f.testTTY)
	t.Run("Files", f.testFiles)
	t.Run("Env", f.testEnv)
	t.Run("Cancel", f.testCancel)
	t.Run("Errors", f.testErrors)
	t.Run("Security", f.testSecurity)
}

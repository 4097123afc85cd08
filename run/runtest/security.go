package runtest

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
)

// An attack is one hostile run: the testtool's `attack` subcommand (see
// internal/testtool/attack.go) under a Spec the attack prepares. judge
// says whether the attempt was blocked or contained, and why.
type attack struct {
	name  string
	spec  func(t *testing.T, f *fixture, image string) run.Spec
	judge func(res run.Result, out string) (bool, string)
}

// tally counts attacks tried and blocked across parallel subtests.
type tally struct {
	mu             sync.Mutex
	tried, blocked int
}

func (c *tally) add(blocked bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tried++
	if blocked {
		c.blocked++
	}
}

// testSecurity runs the adversarial suite: a hostile image tries to get out
// of the default isolation (and of the bounds it is given), and each attempt
// must be blocked or contained. It reports "N attacks tried, N blocked".
func (f *fixture) testSecurity(t *testing.T) {
	if f.SkipSecurity != "" {
		t.Skip(f.SkipSecurity)
	}
	image := testimage.Push(t, f.reg, "runtest/hostile", testimage.WithToolCopy("/suid", 0o4755))
	var c tally
	t.Run("Attacks", func(t *testing.T) {
		for _, a := range attacks() {
			t.Run(a.name, func(t *testing.T) {
				t.Parallel()
				c.add(f.try(t, a, image))
			})
		}
	})
	t.Logf("%d attacks tried, %d blocked", c.tried, c.blocked)
	if c.tried > 0 && c.blocked != c.tried {
		t.Errorf("%d attacks tried, %d blocked", c.tried, c.blocked)
	}
	t.Run("Timeout", f.testTimeout)
	t.Run("TmpWritable", f.testTmpWritable)
}

// testTmpWritable: the read-only root still leaves /tmp to any user.
func (f *fixture) testTmpWritable(t *testing.T) {
	t.Parallel()
	spec := f.spec("write", "/tmp/x", "content")
	spec.User = "1234:1234"
	f.mustRun(t, spec, run.IO{}, 0)
}

// try runs one attack and reports whether it was blocked.
func (f *fixture) try(t *testing.T, a attack, image string) bool {
	spec := a.spec(t, f, image)
	var out, errOut bytes.Buffer
	res, err := f.run(t, spec, run.IO{Stdout: &out, Stderr: &errOut})
	if err != nil {
		t.Errorf("Run(%q): %v", spec.Args, err)
		return false
	}
	blocked, why := a.judge(res, out.String())
	if !blocked {
		t.Errorf("attack %s not blocked: %s (exit %d, stderr %q)", a.name, why, res.ExitCode, errOut.String())
	} else {
		t.Logf("attack %s blocked: %s", a.name, why)
	}
	return blocked
}

// saidBlocked is the usual judge: the tool itself found its attempt
// refused (exit 0, "blocked: …").
func saidBlocked(res run.Result, out string) (bool, string) {
	line := strings.TrimSpace(out)
	return res.ExitCode == 0 && strings.HasPrefix(line, "blocked: "), line
}

// hostile is the hostile image's spec for `attack ARGS...`.
func (f *fixture) hostile(image string, args ...string) run.Spec {
	spec := f.spec(append([]string{"attack"}, args...)...)
	spec.Image = image
	return spec
}

// testTimeout: a tool still running at its timeout is killed, and the run
// says so with exit code 124. Only the outcome is checked, not when.
func (f *fixture) testTimeout(t *testing.T) {
	t.Parallel()
	spec := f.spec("sleep", "600")
	spec.Limits.Timeout = 1e9 // one second
	res, err := f.run(t, spec, run.IO{})
	if err != nil || res.ExitCode != run.ExitTimeout || res.Stopped != run.StoppedTimeout {
		t.Errorf("sleep 600 with a 1s timeout: exit %d, stopped %q, %v; want %d, %q",
			res.ExitCode, res.Stopped, err, run.ExitTimeout, run.StoppedTimeout)
	}
}

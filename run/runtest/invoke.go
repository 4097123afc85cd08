package runtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"testing"
	"time"

	"github.com/sshell/sshell/run"
)

// runTimeout bounds one run so that a broken runner fails rather than hangs.
// It is a safety net, not an assertion about speed.
const runTimeout = 3 * time.Minute

// spec is a run of the tool image with args, labelled uniquely.
func (f *fixture) spec(args ...string) run.Spec {
	return run.Spec{
		Command: "testtool",
		Image:   f.tool,
		Args:    args,
		Labels:  map[string]string{LabelKey: randomID()},
	}
}

// running is a Run in progress.
type running struct {
	spec   run.Spec
	cancel context.CancelFunc
	done   chan struct{}
	res    run.Result
	err    error
}

// start begins r.Run in the background with a deadline of runTimeout; the
// run is cancelled when the test ends, should the test stop early.
func start(t *testing.T, r run.Runner, spec run.Spec, stdio run.IO) *running {
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	t.Cleanup(cancel)
	rn := &running{spec: spec, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(rn.done)
		rn.res, rn.err = r.Run(ctx, spec, stdio)
	}()
	return rn
}

// wait returns Run's outcome, failing the test if Run ignores its context.
func (rn *running) wait(t *testing.T) (run.Result, error) {
	t.Helper()
	defer rn.cancel()
	select {
	case <-rn.done:
		return rn.res, rn.err
	case <-time.After(runTimeout + time.Minute):
		t.Fatalf("Run(%v) did not return a minute after its context expired", rn.spec.Args)
		return run.Result{}, nil
	}
}

// run runs spec to completion, then checks that nothing is left behind.
func (f *fixture) run(t *testing.T, spec run.Spec, stdio run.IO) (run.Result, error) {
	t.Helper()
	res, err := start(t, f.New(t), spec, stdio).wait(t)
	f.noLeftovers(t, spec)
	return res, err
}

// mustRun is run for calls that must succeed with exit code want.
func (f *fixture) mustRun(t *testing.T, spec run.Spec, stdio run.IO, want int) run.Result {
	t.Helper()
	res, err := f.run(t, spec, stdio)
	if err != nil {
		t.Fatalf("Run(%q): %v", spec.Args, err)
	}
	if res.ExitCode != want {
		t.Fatalf("Run(%q): exit code %d, want %d", spec.Args, res.ExitCode, want)
	}
	return res
}

func (f *fixture) noLeftovers(t *testing.T, spec run.Spec) {
	t.Helper()
	if ids := f.Leftovers(t, spec.Labels); len(ids) > 0 {
		t.Errorf("Run(%q) returned but left containers %v (labels %v)", spec.Args, ids, spec.Labels)
	}
}

func randomID() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

package native_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native"
	"github.com/sshell/sshell/run/native/cgroup"
	"github.com/sshell/sshell/run/runtest"
)

// TestConformance runs the shared Runner suite, Security's attacks
// included, against the native runtime. It needs root: the unprivileged
// mode is TestUnprivileged's.
func TestConformance(t *testing.T) {
	requireSuite(t)
	dirs := newDirs(t)
	runtest.Suite{
		New:       func(t *testing.T) run.Runner { return dirs.runner(t) },
		Leftovers: dirs.leftovers,
	}.Run(t)
}

// requireSuite skips where the suite cannot run with the whole isolation.
func requireSuite(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root for the whole isolation (cgroups); TestUnprivileged covers the user-namespace mode")
	}
	if err := native.Available(); err != nil {
		t.Skipf("the native runtime cannot run here: %v", err)
	}
}

// dirs are one suite's store and state directories, shared by its runners.
type dirs struct{ store, state string }

func newDirs(t *testing.T) dirs {
	return dirs{store: t.TempDir(), state: t.TempDir()}
}

func (d dirs) runner(t *testing.T, opts ...native.Option) *native.Runner {
	t.Helper()
	r, err := native.New(append([]native.Option{native.WithStoreDir(d.store), native.WithStateDir(d.state)}, opts...)...)
	if err != nil {
		t.Fatalf("native.New: %v", err)
	}
	return r
}

// leftovers lists the runs, by id, whose state directory (with all of
// labels) is still there, noting their cgroup when that is too. A run
// removes its cgroup before its state directory, so no cgroup can be left
// without its labels.
func (d dirs) leftovers(t *testing.T, labels map[string]string) []string {
	t.Helper()
	entries, err := os.ReadDir(d.state)
	if err != nil {
		t.Fatalf("listing run states: %v", err)
	}
	var ids []string
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(d.state, e.Name(), "labels.json"))
		var l map[string]string
		if err != nil || json.Unmarshal(b, &l) != nil || !hasAll(l, labels) {
			continue
		}
		id := e.Name()
		if g, err := cgroup.Open(id); err == nil { // removed before the state
			id += " (cgroup " + g.Path() + ")"
		}
		ids = append(ids, id)
	}
	return ids
}

func hasAll(l, want map[string]string) bool {
	for k, v := range want {
		if l[k] != v {
			return false
		}
	}
	return true
}

// TestConformanceReady runs the suite again with every call served by a
// sandbox that a keeper made ready for it beforehand (Keep): a ready
// sandbox must behave exactly as a cold one, attacks included.
func TestConformanceReady(t *testing.T) {
	requireSuite(t)
	dirs := newDirs(t)
	runtest.Suite{
		New: func(t *testing.T) run.Runner {
			return readyRunner{t: t, Runner: dirs.runner(t, native.WithReady(func(run.Spec) {}))}
		},
		Leftovers: dirs.leftovers,
	}.Run(t)
}

// readyRunner runs each call in a sandbox kept ready for it: a keeper is
// started for the call and stopped after it. A call whose image is not in
// the store yet runs cold (a keeper needs the image).
type readyRunner struct {
	*native.Runner
	t *testing.T
}

func (rr readyRunner) Run(ctx context.Context, spec run.Spec, stdio run.IO) (run.Result, error) {
	if _, err := rr.Store().Get(ctx, spec.Image, spec.Platform); err != nil || spec.Network == run.NetworkBridge {
		return rr.Runner.Run(ctx, spec, stdio)
	}
	kctx, stop := context.WithCancel(context.Background())
	kept := make(chan error, 1)
	go func() { kept <- rr.KeepOnce(kctx, spec, time.Minute) }()
	defer func() {
		stop()
		if err := <-kept; err != nil {
			rr.t.Errorf("Keep: %v", err)
		}
	}()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(time.Millisecond) {
		if socks, _ := filepath.Glob(filepath.Join(rr.ReadyDir(spec), "*.sock")); len(socks) > 0 {
			break
		}
		select {
		case err := <-kept:
			rr.t.Fatalf("the keeper quit before its sandbox was ready: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			rr.t.Fatal("no sandbox got ready in 30s")
		}
	}
	res, err := rr.Runner.Run(ctx, spec, stdio)
	if !res.Timing.Ready {
		rr.t.Errorf("%s %v ran cold, not in the sandbox kept ready for it (err %v)", spec.Image, spec.Args, err)
	}
	return res, err
}

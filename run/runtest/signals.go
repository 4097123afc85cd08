package runtest

import (
	"context"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/sshell/sshell/run"
)

// testSignals: INT, TERM, HUP and QUIT sent on IO.Signals reach the tool
// (without a TTY), which reports them and exits 128+N.
func (f *fixture) testSignals(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT} {
		t.Run(strings.TrimPrefix(sigName(sig), "SIG"), func(t *testing.T) {
			t.Parallel()
			f.testSignal(t, sig)
		})
	}
}

func (f *fixture) testSignal(t *testing.T, sig syscall.Signal) {
	spec := f.spec("wait-signal")
	sigs := make(chan os.Signal, 1)
	stdout, stderr := newSyncBuffer(), newSyncBuffer()
	rn := start(t, f.New(t), spec, run.IO{Stdout: stdout, Stderr: stderr, Signals: sigs})
	rn.awaitOutput(t, stdout, "ready\n")
	sigs <- sig
	res, err := rn.wait(t)
	f.noLeftovers(t, spec)
	if err != nil {
		t.Fatalf("Run(wait-signal) after %s: %v", sigName(sig), err)
	}
	want := "ready\ngot " + sigName(sig) + "\n"
	if got := stdout.String(); got != want || res.ExitCode != 128+int(sig) {
		t.Errorf("after %s: stdout %q exit %d, want %q exit %d (stderr %q)",
			sigName(sig), got, res.ExitCode, want, 128+int(sig), stderr.String())
	}
}

// awaitOutput waits until out contains s; if the run ends without printing
// it, it fails the test.
func (rn *running) awaitOutput(t *testing.T, out *syncBuffer, s string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	go func() {
		select {
		case <-rn.done: // the run ended: whatever it printed is all there is
			cancel()
		case <-ctx.Done():
		}
	}()
	if err := out.waitFor(ctx, s); err != nil {
		rn.cancel()
		res, runErr := rn.wait(t)
		t.Fatalf("Run(%q): waiting for %q: %v (run ended: exit %d, err %v)", rn.spec.Args, s, err, res.ExitCode, runErr)
	}
}

func sigName(s syscall.Signal) string {
	return map[syscall.Signal]string{
		syscall.SIGINT: "SIGINT", syscall.SIGTERM: "SIGTERM",
		syscall.SIGHUP: "SIGHUP", syscall.SIGQUIT: "SIGQUIT",
	}[s]
}

package runtest

import (
	"context"
	"io"
	"os"
	"testing"

	"github.com/creack/pty"
	"golang.org/x/term"

	"github.com/sshell/sshell/run"
)

// ttyRig is a real pty standing for the user's terminal: the runner gets the
// slave (in raw mode, as the CLI leaves it); the test types into and reads
// from the master.
type ttyRig struct {
	master, slave *os.File
	out           *syncBuffer
	resize        chan struct{}
}

func newTTY(t *testing.T, rows, cols uint16) *ttyRig {
	t.Helper()
	master, slave, err := pty.Open()
	if err != nil {
		t.Skipf("no pty on this machine: %v", err)
	}
	if _, err := term.MakeRaw(int(slave.Fd())); err != nil {
		t.Fatalf("raw mode: %v", err)
	}
	rig := &ttyRig{master: master, slave: slave, out: newSyncBuffer(), resize: make(chan struct{}, 1)}
	rig.setSize(t, rows, cols)
	go io.Copy(rig.out, master) // ends when the test closes the pty
	t.Cleanup(func() { slave.Close(); master.Close() })
	return rig
}

func (r *ttyRig) setSize(t *testing.T, rows, cols uint16) {
	t.Helper()
	if err := pty.Setsize(r.slave, &pty.Winsize{Rows: rows, Cols: cols}); err != nil {
		t.Fatalf("setting pty size: %v", err)
	}
}

// io connects a run to the pty the way the CLI does for an interactive call.
func (r *ttyRig) io() run.IO {
	return run.IO{Stdin: r.slave, Stdout: r.slave, Stderr: r.slave, Terminal: r.slave, Resize: r.resize}
}

// waitFor waits for s from the terminal. Output reaches the master after the
// run wrote it, so this does not stop when the run ends.
func (r *ttyRig) waitFor(t *testing.T, s string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	if err := r.out.waitFor(ctx, s); err != nil {
		t.Fatalf("terminal: waiting for %q: %v", s, err)
	}
}

func (r *ttyRig) waitLine(t *testing.T, prefix string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	line, err := r.out.waitLine(ctx, prefix)
	if err != nil {
		t.Fatalf("terminal: waiting for a line %q...: %v", prefix, err)
	}
	return line
}

func (f *fixture) ttySpec(args ...string) run.Spec {
	spec := f.spec(args...)
	spec.TTY = true
	return spec
}

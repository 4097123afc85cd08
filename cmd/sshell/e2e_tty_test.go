//go:build linux

package main

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/term"

	"github.com/sshell/sshell/internal/testimage"
)

// ttySession runs sshell with stdin, stdout and stderr on a new pty of
// 40x100, as from an interactive shell.
type ttySession struct {
	ptmx, tty *os.File
	cmd       *exec.Cmd
	out       *syncBuffer
	before    *term.State
}

func startTTY(t *testing.T, bin string, args ...string) *ttySession {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skip("no pty on this machine: ", err)
	}
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 40, Cols: 100}); err != nil {
		t.Fatal(err)
	}
	s := &ttySession{ptmx: ptmx, tty: tty, cmd: sshellCmd(t, bin, args...)}
	if s.before, err = term.GetState(int(tty.Fd())); err != nil {
		t.Fatal(err)
	}
	s.cmd.Stdin, s.cmd.Stdout, s.cmd.Stderr = tty, tty, tty
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s.out = collect(ptmx)
	return s
}

// wait waits for sshell and checks that it gave the terminal back as it was.
func (s *ttySession) wait(t *testing.T) {
	t.Helper()
	if err := s.cmd.Wait(); err != nil {
		t.Errorf("sshell: %v; output %q", err, s.out.String())
	}
	after, err := term.GetState(int(s.tty.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	if *after != *s.before {
		t.Error("sshell left the terminal in another mode than it found it")
	}
}

func (s *ttySession) waitFor(t *testing.T, text string) {
	t.Helper()
	eventually(t, "terminal output "+text, func() bool { return strings.Contains(s.out.String(), text) })
}

// With stdin and stdout on a terminal the tool gets one, of the same size,
// that follows resizes; sshell restores the terminal's mode afterwards.
func TestTTY(t *testing.T) {
	ref := e2eImage(t, "sshell-e2e/tty")
	bin := sshellBin(t)

	s := startTTY(t, bin, "run", "--image", ref, "--", "istty")
	s.waitFor(t, "stdin=1 stdout=1 stderr=1")
	s.wait(t)

	s = startTTY(t, bin, "run", "--image", ref, "--", "ttysize-watch")
	s.waitFor(t, "size=40,100")
	if err := pty.Setsize(s.ptmx, &pty.Winsize{Rows: 50, Cols: 120}); err != nil {
		t.Fatal(err)
	}
	s.waitFor(t, "size=50,120")
	if _, err := s.ptmx.Write([]byte("\r")); err != nil { // a line ends the tool
		t.Fatal(err)
	}
	s.wait(t)
}

// --tty never on a terminal: pipes, and the terminal untouched.
func TestTTYNever(t *testing.T) {
	ref := e2eImage(t, "sshell-e2e/ttynever")
	s := startTTY(t, sshellBin(t), "run", "--tty", "never", "--image", ref, "--", "istty")
	s.waitFor(t, "stdin=0 stdout=0 stderr=0")
	_, _ = s.ptmx.Write([]byte{4}) // EOF for sshell's stdin copy
	s.wait(t)
}

// Ctrl-C typed while sshell pulls (from a registry that never answers)
// stops it at once with 130: the terminal is not raw before the tool
// starts, so the key is still a signal, and its mode comes back unchanged.
func TestTTYCtrlCDuringPull(t *testing.T) {
	testimage.RequireDocker(t)
	addr, pulling := testimage.SilentRegistry(t)
	s := startTTY(t, sshellBin(t), "run", "--image", addr+"/hang:1", "--", "x")
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	<-pulling // the daemon is fetching for sshell: sshell handles SIGINT by now
	_, _ = s.ptmx.Write([]byte{3})
	var err error
	select {
	case err = <-done:
	case <-time.After(time.Minute): // against hanging only
		t.Fatal("sshell did not end after Ctrl-C during the pull: was the terminal raw?")
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Fatalf("sshell after Ctrl-C during the pull: %v, want exit 130; output %q", err, s.out.String())
	}
	after, gerr := term.GetState(int(s.tty.Fd()))
	if gerr != nil || *after != *s.before {
		t.Error("sshell left the terminal in another mode than it found it")
	}
}

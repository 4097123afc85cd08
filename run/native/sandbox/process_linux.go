package sandbox

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// Pid is the init's pid on the host.
func (p *Process) Pid() int { return p.pid }

// Go lets the init start the tool, then returns once it has: nil when the
// tool is running, an *Error when it could not be (the init then exits
// with Error.Code), another error when the init died first.
func (p *Process) Go() error {
	_, err := p.config.Write([]byte{'g'})
	p.config.Close()
	msg, rerr := io.ReadAll(p.status)
	p.status.Close()
	if rerr != nil {
		return rerr
	}
	if len(msg) == 0 {
		return errors.Join(errDied, err)
	}
	if f, ok := parseFailure(msg); ok {
		return &Error{Code: f.code, Msg: f.msg}
	}
	return nil
}

// Signal sends s to the init, which passes INT, TERM, HUP, QUIT, USR1,
// USR2 and WINCH on to the tool.
func (p *Process) Signal(s os.Signal) error {
	sig, ok := s.(syscall.Signal)
	if !ok {
		return errors.New("sandbox: not a Unix signal")
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.waited {
		return os.ErrProcessDone
	}
	return syscall.Kill(p.pid, sig)
}

// Kill ends the sandbox: killing its init kills every process in it.
func (p *Process) Kill() error { return p.Signal(syscall.SIGKILL) }

// Wait waits for the init to exit and returns the tool's exit code (128+N
// when the init itself was killed by signal N). A sandbox abandoned before
// Go is told to stop: its config pipe closes.
func (p *Process) Wait() (int, error) {
	p.config.Close()
	// Wait for the exit without reaping, then reap under the lock, so that
	// Signal never hits a pid reused after the reaping.
	for {
		var info unix.Siginfo
		err := unix.Waitid(unix.P_PID, p.pid, &info, unix.WEXITED|unix.WNOWAIT, nil)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EINTR) {
			return 0, fmt.Errorf("waiting for the sandbox: %w", err)
		}
	}
	p.mu.Lock()
	var ws syscall.WaitStatus
	_, err := syscall.Wait4(p.pid, &ws, 0, nil)
	p.waited = true
	p.mu.Unlock()
	if err != nil {
		return 0, fmt.Errorf("waiting for the sandbox: %w", err)
	}
	p.status.Close()
	if ws.Signaled() {
		return 128 + int(ws.Signal()), nil
	}
	return ws.ExitStatus(), nil
}

// Ready lets a ready sandbox's init (Config.Ready) finish its set-up and
// returns once it listens for its call: nil, an *Error when it cannot get
// ready, another error when the init died first.
func (p *Process) Ready() error {
	_, err := p.config.Write([]byte{'g'})
	p.config.Close()
	buf := make([]byte, 64<<10)
	n, rerr := p.status.Read(buf)
	if n == 0 {
		p.status.Close()
		return errors.Join(errDied, err, rerr)
	}
	msg := buf[:n]
	if rest, ok := bytes.CutPrefix(msg, []byte(started)); ok && (len(rest) == 0 || string(rest) == claimed) {
		p.claimed = len(rest) > 0
		return nil
	}
	p.status.Close()
	f, _ := parseFailure(msg)
	return &Error{Code: f.code, Msg: f.msg}
}

// Claimed blocks until a call has claimed the ready sandbox (true), or its
// init has exited without one (false).
func (p *Process) Claimed() bool {
	if p.claimed {
		return true
	}
	b := make([]byte, 1)
	n, _ := p.status.Read(b)
	p.status.Close()
	return n == 1
}

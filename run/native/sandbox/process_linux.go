package sandbox

import (
	"errors"
	"io"
	"os"
	"syscall"
)

// Pid is the init's pid on the host.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

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
func (p *Process) Signal(s os.Signal) error { return p.cmd.Process.Signal(s) }

// Kill ends the sandbox: killing its init kills every process in it.
func (p *Process) Kill() error { return p.cmd.Process.Kill() }

// Wait waits for the init to exit and returns the tool's exit code (128+N
// when the init itself was killed by signal N). A sandbox abandoned before
// Go is told to stop.
func (p *Process) Wait() (int, error) {
	p.config.Close()
	err := p.cmd.Wait()
	st := p.cmd.ProcessState
	if st == nil {
		return 0, err
	}
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal()), nil
	}
	return st.ExitCode(), nil
}

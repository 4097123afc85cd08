package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// ErrNotReady is a Claim that found no ready sandbox at the path.
var ErrNotReady = errors.New("no ready sandbox")

// Call is a claimed ready sandbox: the caller's end of its socket.
type Call struct {
	conn  int
	pidfd int    // the init's, for Kill
	ID    string // the sandbox's, once prepared

	goes bool // the request said Go: the sandbox needs no word to start the tool

	mu     sync.Mutex
	closed bool
	failed int // the init's exit code after a failed Prepare or Go
}

// Claim takes the ready sandbox listening at sock, if there is one: the
// socket is renamed away first (atomic: one caller wins it), then
// connected to. The sandbox then waits for Prepare.
func Claim(sock string) (*Call, error) {
	mine := sock + "." + strconv.Itoa(os.Getpid())
	if err := os.Rename(sock, mine); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, ErrNotReady
		}
		return nil, fmt.Errorf("claiming the ready sandbox: %w", err)
	}
	defer os.Remove(mine)
	c, err := dial(mine)
	if err != nil {
		return nil, fmt.Errorf("claiming the ready sandbox: %w", err)
	}
	return c, nil
}

// dial connects to the init listening at p.
func dial(p string) (*Call, error) {
	fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_SEQPACKET|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	c := &Call{conn: fd, pidfd: -1}
	sa, done, err := sockaddr(p)
	if err == nil {
		err = unix.Connect(fd, sa)
		done()
	}
	if err != nil {
		c.Close()
		return nil, err
	}
	cred, err := unix.GetsockoptUcred(fd, unix.SOL_SOCKET, unix.SO_PEERCRED)
	if err == nil {
		c.pidfd, err = unix.PidfdOpen(int(cred.Pid), 0)
	}
	if err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// Prepare hands the sandbox the call and its streams, and returns once
// the sandbox is set up for it: nil, an *Error when the call cannot run
// (the sandbox then exits with Error.Code), ErrNotReady when the sandbox
// went away first, or cannot serve this call (its copy of the host's
// mounts is older than a mount the call needs), having run nothing and
// touched nothing of the streams: the call can run elsewhere.
func (c *Call) Prepare(req Request, stdio Stdio) error {
	files, closeNull, err := stdioFiles(stdio)
	if err != nil {
		return err
	}
	defer closeNull()
	body, err := json.Marshal(req)
	if err != nil {
		return err
	}
	fds := []int{int(files[0]), int(files[1]), int(files[2])}
	c.goes = req.Go
	if err := send(c.conn, msgRequest, body, fds); err != nil {
		return errors.Join(ErrNotReady, err)
	}
	kind, msg, err := c.receive()
	switch {
	case err != nil:
		return errors.Join(ErrNotReady, err)
	case kind == msgSet:
		c.ID = string(msg)
		return nil
	}
	return c.failure(kind, msg)
}

// Go starts the prepared call's tool and returns once it runs: nil, an
// *Error when it could not be executed, another error when the sandbox
// died first.
func (c *Call) Go() error {
	if !c.goes { // else started already, or about to
		if err := send(c.conn, msgGo, nil, nil); err != nil {
			return errors.Join(errDied, err)
		}
	}
	kind, msg, err := c.receive()
	if err != nil {
		return errors.Join(errDied, err)
	}
	return c.failure(kind, msg)
}

// failure is the init's status message: nil for started.
func (c *Call) failure(kind byte, msg []byte) error {
	if kind != msgStatus {
		return fmt.Errorf("the ready sandbox said %q", kind)
	}
	if f, ok := parseFailure(msg); ok {
		c.failed = f.code
		return &Error{Code: f.code, Msg: f.msg}
	}
	return nil
}

// Signal passes s on to the tool (as a cold sandbox's init passes INT,
// TERM, HUP, QUIT, USR1, USR2 and WINCH).
func (c *Call) Signal(s os.Signal) error {
	sig, ok := s.(syscall.Signal)
	if !ok {
		return errors.New("sandbox: not a Unix signal")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return os.ErrProcessDone
	}
	return send(c.conn, msgSignal, []byte(strconv.Itoa(int(sig))), nil)
}

// Kill ends the sandbox: its init, and with it every process in it.
func (c *Call) Kill() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return os.ErrProcessDone
	}
	return unix.PidfdSendSignal(c.pidfd, unix.SIGKILL, nil, 0)
}

// Wait waits for the tool's exit code (128+N for death by signal N; 137
// when the sandbox was killed, or went away without one). The sandbox,
// and its cgroup, stay until Close: the caller can still tell an
// out-of-memory kill.
func (c *Call) Wait() (int, error) {
	if c.failed != 0 {
		return c.failed, nil
	}
	for {
		kind, body, err := c.receive()
		switch {
		case err == nil && kind == msgExit:
			return strconv.Atoi(string(body))
		case err == nil:
			continue // a late status: not for us
		}
		// The sandbox went away without an exit code: killed (by Kill, or
		// by its keeper's death), as a cold sandbox's init is, and its tool
		// with it.
		return 128 + int(unix.SIGKILL), nil
	}
}

// Close releases the call; the tool, if still running, is killed.
func (c *Call) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	c.closed = true
	unix.Close(c.conn)
	if c.pidfd >= 0 {
		unix.Close(c.pidfd)
	}
}

// receive reads one message; EOF is errDied.
func (c *Call) receive() (byte, []byte, error) {
	buf := make([]byte, 64<<10)
	for {
		n, err := unix.Read(c.conn, buf)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return 0, nil, err
		}
		if n == 0 {
			return 0, nil, errDied
		}
		return buf[0], buf[1:n], nil
	}
}

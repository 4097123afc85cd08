package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/sshell/sshell/run/native/seccomp"
)

// Messages on a ready sandbox's socket (SOCK_SEQPACKET: each send is one
// message): a kind byte, then the body.
const (
	msgRequest = 'r' // call → init: a JSON Request, stdin, stdout and stderr as SCM_RIGHTS
	msgSet     = 'e' // init → call: set up for the request, and the sandbox's ID; or msgStatus with a failure
	msgGo      = 'o' // call → init: start the tool
	msgStatus  = 's' // init → call: started, or a failure (as on the status pipe)
	msgSignal  = 'g' // call → init: a signal number to pass on to the tool
	msgExit    = 'x' // init → call: the tool's exit code
)

// claimed is what a ready init tells its parent, after started, once a
// call has connected: the parent can get the next sandbox ready.
const claimed = "c"

// serveReady is a ready sandbox's life: set up all but the call, listen,
// serve the one call that connects, and return the tool's exit code.
func serveReady(cfg *Config, in, status *os.File) int {
	ln, host := -1, -1
	take := func() error { // the host's paths are still in view here
		var err error
		if ln, err = listen(cfg.Ready); err != nil {
			return err
		}
		if host, err = copyHost(); err != nil {
			return err
		}
		return nil
	}
	err := build(cfg, take)
	var l *launcher
	if err == nil {
		l, err = startLauncher(cfg)
	}
	if err != nil {
		return report(status, failure{code: codeSetup, msg: err.Error()})
	}
	if _, err := in.Read(make([]byte, 1)); err != nil {
		return codeSetup // the parent gave up
	}
	in.Close()
	_, _ = status.WriteString(started)
	conn, err := accept(ln)
	unix.Close(ln)
	if err != nil {
		return codeSetup
	}
	_, _ = status.WriteString(claimed)
	status.Close()
	return serveCall(cfg, conn, host, l)
}

// launcher is a thread restricted ahead of the call (the bounding set,
// no_new_privs and a seccomp filter are each a thread's), from which the
// tool is forked, inheriting them; the init's other threads keep the
// privileges the call's mounts need. The thread dies with the init: it is
// never handed back to the runtime.
type launcher struct{ jobs chan launch }

type launch struct {
	path string
	args []string
	attr *syscall.ProcAttr
	done chan forked
}

type forked struct {
	pid int
	err error
}

// startLauncher restricts a thread of its own for cfg's tool.
func startLauncher(cfg *Config) (*launcher, error) {
	var filter *seccomp.Filter
	if !cfg.Privileged {
		var err error
		if filter, err = seccomp.Build(cfg.CapAdd); err != nil {
			return nil, err
		}
	}
	l := &launcher{jobs: make(chan launch)}
	restricted := make(chan error)
	go func() {
		runtime.LockOSThread() // for good: a restricted thread must not run anything else
		err := restrictThreads(cfg, filter, func() error { return filter.LoadThread() })
		restricted <- err
		if err != nil {
			return
		}
		for j := range l.jobs {
			pid, err := syscall.ForkExec(j.path, j.args, j.attr)
			j.done <- forked{pid, err}
		}
	}()
	return l, <-restricted
}

// forkExec starts the tool from the restricted thread.
func (l *launcher) forkExec(path string, args []string, attr *syscall.ProcAttr) (int, error) {
	done := make(chan forked)
	l.jobs <- launch{path: path, args: args, attr: attr, done: done}
	f := <-done
	return f.pid, f.err
}

// copyHost takes a detached copy of the host's whole mount tree, from
// which a call's working directory is bound after the pivot. Binding from
// a detached copy needs Linux 6.15: probed here, so that an older kernel
// refuses to get ready rather than fail a call.
func copyHost() (int, error) {
	host, err := unix.OpenTree(unix.AT_FDCWD, "/", unix.OPEN_TREE_CLONE|unix.OPEN_TREE_CLOEXEC|unix.AT_RECURSIVE)
	if err != nil {
		return -1, fmt.Errorf("copying the host's mounts: %w", err)
	}
	probe, err := unix.OpenTree(host, "", unix.AT_EMPTY_PATH|unix.OPEN_TREE_CLONE|unix.OPEN_TREE_CLOEXEC|unix.AT_RECURSIVE)
	if err != nil {
		unix.Close(host)
		return -1, fmt.Errorf("a ready sandbox binds the working directory from a copy of the host's mounts, which needs Linux 6.15 or later: %w", err)
	}
	unix.Close(probe)
	return host, nil
}

// listen makes the ready sandbox's socket at p, for one call.
func listen(p string) (int, error) {
	fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_SEQPACKET|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return -1, fmt.Errorf("making the ready socket: %w", err)
	}
	sa, done, err := sockaddr(p)
	if err == nil {
		err = unix.Bind(fd, sa)
		done()
	}
	if err != nil {
		unix.Close(fd)
		return -1, fmt.Errorf("binding the ready socket %s: %w", p, err)
	}
	if err := unix.Listen(fd, 1); err != nil {
		unix.Close(fd)
		return -1, fmt.Errorf("listening on %s: %w", p, err)
	}
	return fd, nil
}

// accept waits for the call, which must come from this sandbox's own user
// (root for root's, the caller for a user namespace's).
func accept(ln int) (int, error) {
	for {
		conn, _, err := unix.Accept4(ln, unix.SOCK_CLOEXEC)
		if errors.Is(err, unix.EINTR) || errors.Is(err, unix.ECONNABORTED) {
			continue
		}
		if err != nil {
			return -1, err
		}
		cred, err := unix.GetsockoptUcred(conn, unix.SOL_SOCKET, unix.SO_PEERCRED)
		if err == nil && cred.Uid == uint32(os.Getuid()) {
			return conn, nil
		}
		unix.Close(conn) // a stranger: the socket's directory is private, so a bug
	}
}

// serveCall runs the call on conn: it finishes the sandbox for the
// request, says so, starts the tool (at once, or when the caller says
// go), passes signals on, reaps, and sends the exit code. A failure
// before the tool runs goes to the caller as on the status pipe.
func serveCall(cfg *Config, conn, host int, l *launcher) int {
	req, fds, err := receiveRequest(conn)
	if err != nil || req.Protocol != Protocol {
		closeAll(fds)
		return codeSetup // gone, or speaking another version: no answer, and the call runs elsewhere
	}
	defer func() { closeAll(fds) }() // those not handed to the tool yet
	cfg.Args, cfg.Env, cfg.Dir, cfg.User, cfg.TTY = req.Args, req.Env, req.Dir, req.User, req.TTY
	if i := slices.Index(cfg.Env, "HOSTNAME="); req.Hostname && i >= 0 {
		cfg.Env[i] += hostname(cfg.ID)
	}
	if err := enterCall(cfg, req, host); errors.Is(err, errStaleMounts) {
		return codeSetup // no answer: the caller runs the call elsewhere, having lost nothing
	} else if err != nil {
		return sendFailure(conn, failure{code: codeSetup, msg: err.Error()})
	}
	path, cred, f := resolveTool(cfg)
	if f != nil {
		return sendFailure(conn, *f)
	}
	if err := send(conn, msgSet, []byte(cfg.ID), nil); err != nil {
		return codeSetup
	}
	if !req.Go {
		if kind, err := receive(conn); err != nil || kind != msgGo {
			return codeSetup // the caller went away
		}
	}
	pid, err := l.forkExec(path, cfg.Args, &syscall.ProcAttr{
		Dir: cfg.Dir, Env: cfg.Env, Files: []uintptr{uintptr(fds[0]), uintptr(fds[1]), uintptr(fds[2])},
		Sys: toolAttr(cfg, cred),
	})
	if err != nil {
		return sendFailure(conn, execFailure(cfg.Args[0], err))
	}
	_ = send(conn, msgStatus, []byte(started), nil)
	closeAll(fds) // the tool's alone: EOF and hang-ups work
	fds = nil
	gone := make(chan struct{})
	go relay(conn, pid, gone)
	code := reap(pid)
	_ = send(conn, msgExit, []byte(strconv.Itoa(code)), nil)
	// The caller looks at the cgroup (an out-of-memory kill?), which goes
	// once this init exits: wait for it to hang up, for a while.
	select {
	case <-gone:
	case <-time.After(callerGrace):
	}
	return code
}

// callerGrace is how long a ready init waits, after the tool's exit, for
// its caller to hang up.
const callerGrace = 5 * time.Second

// enterCall binds the request's paths, makes the root read-only unless it
// is meant to be writable, and enters the working directory.
func enterCall(cfg *Config, req Request, host int) error {
	err := bindCall(req.Binds, host)
	// Closing the copy of the host's mounts dissolves them, which waits
	// for an RCU grace period: on another thread, off the call's path.
	// The tool never has it: it is close-on-exec.
	go unix.Close(host)
	if err != nil {
		return err
	}
	if !cfg.ReadWriteRoot {
		err := unix.Mount("", "/", "", unix.MS_REMOUNT|unix.MS_BIND|unix.MS_RDONLY, "")
		if errors.Is(err, unix.EPERM) { // a user namespace must keep the locked flags
			err = unix.Mount("", "/", "", unix.MS_REMOUNT|unix.MS_BIND|unix.MS_RDONLY|unix.MS_NOSUID|unix.MS_NODEV, "")
		}
		if err != nil {
			return fmt.Errorf("making the root read-only: %w", err)
		}
	}
	if err := os.Chdir(cfg.Dir); err != nil {
		return fmt.Errorf("entering the working directory %s: %w", cfg.Dir, err)
	}
	return nil
}

// bindCall mounts each of binds at its target, from the copy of the
// host's mounts: each source looked up inside that copy (its symbolic
// links cannot lead out of it), checked to be what the caller sees there,
// and attached inside the root, parents first.
func bindCall(binds []CallBind, host int) error {
	binds = slices.Clone(binds)
	sort.SliceStable(binds, func(i, j int) bool { return depth(binds[i].Target) < depth(binds[j].Target) })
	ts := make(trees, 0, len(binds))
	defer func() { ts.close() }()
	for _, b := range binds {
		fd, err := copyFromHost(b, host)
		if err != nil {
			return fmt.Errorf("binding %s: %w", b.Source, err)
		}
		ts = append(ts, tree{fd: fd, target: path.Clean(b.Target), file: b.File})
	}
	return ts.attach()
}

// copyFromHost takes a detached copy of b's source from the host's mounts.
func copyFromHost(b CallBind, host int) (int, error) {
	rel := strings.TrimPrefix(path.Clean("/"+b.Source), "/")
	if rel == "" {
		rel = "."
	}
	src, err := unix.Openat2(host, rel, &unix.OpenHow{
		Flags:   unix.O_PATH | unix.O_CLOEXEC,
		Resolve: unix.RESOLVE_IN_ROOT | unix.RESOLVE_NO_MAGICLINKS,
	})
	if err != nil {
		return -1, err
	}
	defer unix.Close(src)
	var st unix.Stat_t
	if err := unix.Fstat(src, &st); err != nil {
		return -1, err
	}
	if st.Dev != b.Dev || st.Ino != b.Ino {
		return -1, errStaleMounts
	}
	fd, err := unix.OpenTree(src, "", unix.AT_EMPTY_PATH|unix.OPEN_TREE_CLONE|unix.OPEN_TREE_CLOEXEC|unix.AT_RECURSIVE)
	if err != nil || !b.ReadOnly {
		return fd, err
	}
	attr := &unix.MountAttr{Attr_set: unix.MOUNT_ATTR_RDONLY}
	if err := unix.MountSetattr(fd, "", unix.AT_EMPTY_PATH|unix.AT_RECURSIVE, attr); err != nil {
		unix.Close(fd)
		return -1, fmt.Errorf("read-only: %w", err)
	}
	return fd, nil
}

// errStaleMounts is a working directory that the ready sandbox's copy of
// the host's mounts does not show: mounted after the sandbox got ready.
var errStaleMounts = errors.New("the ready sandbox's copy of the host's mounts shows another file there (mounted since)")

// relay passes the caller's signals on to the tool. The caller gone (its
// end closed before the exit was sent), the tool is killed, as a cold
// sandbox dies with its parent.
func relay(conn, pid int, gone chan<- struct{}) {
	defer close(gone)
	buf := make([]byte, 16)
	for {
		n, err := unix.Read(conn, buf)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil || n == 0 {
			_ = syscall.Kill(pid, syscall.SIGKILL) // no one else's: pid 1 reaps only after this
			return
		}
		if buf[0] != msgSignal {
			continue
		}
		if sig, err := strconv.Atoi(string(buf[1:n])); err == nil && sig > 0 && sig < 65 {
			_ = syscall.Kill(pid, syscall.Signal(sig))
		}
	}
}

// receive reads one message's kind.
func receive(conn int) (byte, error) {
	b := make([]byte, 16)
	for {
		n, err := unix.Read(conn, b)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err == nil && n == 0 {
			err = errDied
		}
		return b[0], err
	}
}

// sendFailure tells the caller why the tool did not start and returns the
// init's exit code.
func sendFailure(conn int, f failure) int {
	_ = send(conn, msgStatus, []byte(strconv.Itoa(f.code)+" "+f.msg), nil)
	return f.code
}

// receiveRequest reads the request and its three streams.
func receiveRequest(conn int) (Request, []int, error) {
	buf := make([]byte, 256<<10) // more than a socket's send buffer
	oob := make([]byte, unix.CmsgSpace(3*4))
	for {
		n, oobn, _, _, err := unix.Recvmsg(conn, buf, oob, unix.MSG_CMSG_CLOEXEC)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return Request{}, nil, err
		}
		fds, ferr := rights(oob[:oobn])
		if n == 0 || buf[0] != msgRequest || ferr != nil || len(fds) != 3 {
			closeAll(fds)
			return Request{}, nil, errors.New("not a request")
		}
		var req Request
		if err := json.Unmarshal(buf[1:n], &req); err != nil {
			closeAll(fds)
			return Request{}, nil, err
		}
		return req, fds, nil
	}
}

// rights are the file descriptors passed in a control message.
func rights(oob []byte) ([]int, error) {
	msgs, err := unix.ParseSocketControlMessage(oob)
	if err != nil {
		return nil, err
	}
	var fds []int
	for _, m := range msgs {
		fs, err := unix.ParseUnixRights(&m)
		if err != nil {
			closeAll(fds)
			return nil, err
		}
		fds = append(fds, fs...)
	}
	return fds, nil
}

// send sends one message of kind with body, and fds when given.
func send(conn int, kind byte, body []byte, fds []int) error {
	var oob []byte
	if len(fds) > 0 {
		oob = unix.UnixRights(fds...)
	}
	msg := append([]byte{kind}, body...)
	for {
		err := unix.Sendmsg(conn, msg, oob, nil, 0)
		if !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}

func closeAll(fds []int) {
	for _, fd := range fds {
		unix.Close(fd)
	}
}

// sockaddr is the address of the socket at p. A path too long for one
// (108 bytes) is reached through its directory's descriptor instead;
// done closes it.
func sockaddr(p string) (*unix.SockaddrUnix, func(), error) {
	if len(p) < len(unix.RawSockaddrUnix{}.Path) {
		return &unix.SockaddrUnix{Name: p}, func() {}, nil
	}
	dir, err := unix.Open(path.Dir(p), unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, err
	}
	return &unix.SockaddrUnix{Name: "/proc/self/fd/" + strconv.Itoa(dir) + "/" + path.Base(p)}, func() { unix.Close(dir) }, nil
}

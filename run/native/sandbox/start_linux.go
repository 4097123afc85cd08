package sandbox

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// Stdio are the tool's standard streams, passed to it as they are; nil is
// the null device.
type Stdio struct{ Stdin, Stdout, Stderr *os.File }

// Namespaces are what Start must know: the rest of the Config can follow.
type Namespaces struct {
	HostNetwork bool // keep the host's network namespace
	UserNS      bool // a user namespace mapping the caller to root
}

// Process is a started sandbox: its init, which waits for its Config,
// sets the sandbox up, and then waits for Go.
type Process struct {
	pid    int
	config *os.File // the Config, then the go byte, go here
	status *os.File // the init's report

	mu     sync.Mutex
	waited bool // the pid is reaped: it may be someone else's now

	claimed bool // a ready sandbox's call came with its ready report
}

// Start starts the sandbox's init in its namespaces. It is killed when
// this process dies. The init starts up (a Go process) while the caller
// prepares the run and then calls Configure.
func Start(ns Namespaces, stdio Stdio) (*Process, error) {
	cfgR, cfgW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("starting the sandbox: %w", err)
	}
	defer cfgR.Close()
	stR, stW, err := os.Pipe()
	if err != nil {
		cfgW.Close()
		return nil, fmt.Errorf("starting the sandbox: %w", err)
	}
	defer stW.Close()
	files, closeNull, err := initFiles(stdio, cfgR, stW)
	if err != nil {
		cfgW.Close()
		stR.Close()
		return nil, fmt.Errorf("starting the sandbox: %w", err)
	}
	defer closeNull()
	// syscall.ForkExec rather than os/exec: os.StartProcess forks a child
	// once per process to check pidfd support, and a run is often the
	// process's only one.
	pid, err := syscall.ForkExec("/proc/self/exe", []string{marker},
		&syscall.ProcAttr{Env: initEnv, Files: files, Sys: procAttr(ns)})
	if err != nil {
		cfgW.Close()
		stR.Close()
		return nil, fmt.Errorf("starting the sandbox: %w", err)
	}
	return &Process{pid: pid, config: cfgW, status: stR}, nil
}

// initFiles are the init's file descriptors: stdio (the null device for
// nil), then fdConfig and fdStatus.
func initFiles(stdio Stdio, cfgR, stW *os.File) ([]uintptr, func(), error) {
	files, closeNull, err := stdioFiles(stdio)
	if err != nil {
		return nil, closeNull, err
	}
	return append(files, cfgR.Fd(), stW.Fd()), closeNull, nil
}

// stdioFiles are stdio's descriptors, the null device for nil.
func stdioFiles(stdio Stdio) ([]uintptr, func(), error) {
	var null *os.File
	closeNull := func() {
		if null != nil {
			null.Close()
		}
	}
	files := make([]uintptr, 0, 5)
	for _, f := range []*os.File{stdio.Stdin, stdio.Stdout, stdio.Stderr} {
		if f == nil {
			if null == nil {
				var err error
				if null, err = os.OpenFile(os.DevNull, os.O_RDWR, 0); err != nil {
					return nil, closeNull, err
				}
			}
			f = null
		}
		files = append(files, f.Fd())
	}
	return files, closeNull, nil
}

// Configure prepares cfg.State (which must exist and be empty: the mount
// points go there) and sends cfg to the init, which sets the sandbox up.
func (p *Process) Configure(cfg *Config) error {
	if err := prepareState(cfg); err != nil {
		return err
	}
	if err := writeConfig(p.config, cfg); err != nil {
		return fmt.Errorf("sending the sandbox its config: %w", err)
	}
	return nil
}

// initEnv is the init's own environment (the tool's is in the Config): a
// short-lived Go process that needs no collector, one P, and no look at its
// cgroup (which reads the mount table) to size GOMAXPROCS.
var initEnv = []string{"GOGC=off", "GOMAXPROCS=1", "GODEBUG=containermaxprocs=0,updatemaxprocs=0"}

// procAttr puts the init in its namespaces: a user namespace mapping the
// caller to root when asked (the caller is not root).
func procAttr(ns Namespaces) *syscall.SysProcAttr {
	flags := uintptr(syscall.CLONE_NEWNS | syscall.CLONE_NEWPID | syscall.CLONE_NEWIPC | syscall.CLONE_NEWUTS)
	if !ns.HostNetwork {
		flags |= syscall.CLONE_NEWNET
	}
	attr := &syscall.SysProcAttr{Cloneflags: flags, Pdeathsig: syscall.SIGKILL}
	if ns.UserNS {
		attr.Cloneflags |= syscall.CLONE_NEWUSER
		attr.UidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getuid(), Size: 1}}
		attr.GidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getgid(), Size: 1}}
	}
	return attr
}

// prepareState makes the root's mount point and skel: the mount points
// /proc, /dev and /tmp and every bind's target, as the top lower layer of
// the overlay, so that none has to be made in the read-only image.
func prepareState(cfg *Config) error {
	skel := filepath.Join(cfg.State, "skel")
	dirs := []string{filepath.Join(cfg.State, "root"), filepath.Join(skel, "proc"),
		filepath.Join(skel, "dev"), filepath.Join(skel, "tmp")}
	if cfg.ReadWriteRoot || cfg.Ready != "" {
		dirs = append(dirs, filepath.Join(cfg.State, "rw"))
	}
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("preparing the sandbox: %w", err)
		}
	}
	for _, b := range cfg.Binds {
		p := filepath.Join(skel, filepath.Clean("/"+b.Target))
		dir := p
		if b.File {
			dir = filepath.Dir(p)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("preparing the mount point %s: %w", b.Target, err)
		}
		if b.File {
			if err := os.WriteFile(p, nil, 0o644); err != nil {
				return fmt.Errorf("preparing the mount point %s: %w", b.Target, err)
			}
		}
	}
	return nil
}

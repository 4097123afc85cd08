package sandbox

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

// Stdio are the tool's standard streams, passed to it as they are.
type Stdio struct{ Stdin, Stdout, Stderr *os.File }

// Process is a started sandbox: its init, waiting for Go.
type Process struct {
	cmd    *exec.Cmd
	config *os.File // the go byte goes here
	status *os.File // the init's report
}

// Start prepares cfg.State (which must exist and be empty) and starts the
// sandbox's init. The init sets the sandbox up meanwhile, but starts the
// tool only on Go. It is killed when this thread's process dies.
func Start(cfg *Config, stdio Stdio) (*Process, error) {
	if err := prepareState(cfg); err != nil {
		return nil, err
	}
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
	cmd := &exec.Cmd{
		Path: "/proc/self/exe", Args: []string{marker}, Env: initEnv,
		Stdin: stdio.Stdin, Stdout: stdio.Stdout, Stderr: stdio.Stderr,
		ExtraFiles:  []*os.File{cfgR, stW},
		SysProcAttr: procAttr(cfg),
	}
	if err := cmd.Start(); err != nil {
		cfgW.Close()
		stR.Close()
		return nil, fmt.Errorf("starting the sandbox: %w", err)
	}
	p := &Process{cmd: cmd, config: cfgW, status: stR}
	if err := writeConfig(cfgW, cfg); err != nil {
		p.Kill()
		p.Wait()
		return nil, fmt.Errorf("sending the sandbox its config: %w", err)
	}
	return p, nil
}

// initEnv is the init's own environment (the tool's is in the Config): a
// short-lived Go process that needs no collector, one P, and no look at its
// cgroup (which reads the mount table) to size GOMAXPROCS.
var initEnv = []string{"GOGC=off", "GOMAXPROCS=1", "GODEBUG=cgroupgomaxprocs=0,updatemaxprocs=0"}

// procAttr puts the init in its namespaces: a user namespace mapping the
// caller to root when the caller is not root.
func procAttr(cfg *Config) *syscall.SysProcAttr {
	flags := uintptr(syscall.CLONE_NEWNS | syscall.CLONE_NEWPID | syscall.CLONE_NEWIPC | syscall.CLONE_NEWUTS)
	if !cfg.HostNetwork {
		flags |= syscall.CLONE_NEWNET
	}
	attr := &syscall.SysProcAttr{Cloneflags: flags, Pdeathsig: syscall.SIGKILL}
	if cfg.UserNS {
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
	if cfg.ReadWriteRoot {
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

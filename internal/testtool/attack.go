//go:build linux

package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// The hostile tool: `attack NAME [ARGS]` tries one thing a contained tool
// must not be able to do and prints one line, "blocked: WHY" (exit 0) or
// "ESCAPED: WHAT" (exit 1). Measured attacks add key=value pairs to the
// line. The suite in run/runtest (security.go) runs each through a runner.
var attacks = map[string]func(args []string) (bool, string){
	"read":       attackRead,
	"procs":      attackProcs,
	"write-root": attackWriteRoot,
	"mount":      attackMount,
	"module":     attackModule,
	"raw-socket": attackRawSocket,
	"network":    attackNetwork,
	"setuid":     attackSetuid,
	"fork-bomb":  attackForkBomb,
	"memory":     attackMemory,
	"cpu":        attackCPU,
	"fill-tmp":   attackFillTmp,
}

func attack(args []string) int {
	if len(args) == 0 || attacks[args[0]] == nil {
		return fail(fmt.Errorf("attack NAME [ARGS] (see internal/testtool/attack.go)"))
	}
	blocked, line := attacks[args[0]](args[1:])
	if !blocked {
		fmt.Println("ESCAPED:", line)
		return 1
	}
	fmt.Println("blocked:", line)
	return 0
}

// attackRead reads each FILE (a canary outside the working directory, or a
// path through a symlink to /): blocked when none can be read.
func attackRead(files []string) (bool, string) {
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			return false, fmt.Sprintf("read %s: %q", f, data)
		}
	}
	return true, fmt.Sprintf("none of %q readable", files)
}

// attackProcs lists the processes it can see: blocked when none is named
// like one of the host's (the comm names given) and PID 1 is our init.
func attackProcs(hostNames []string) (bool, string) {
	dirs, _ := os.ReadDir("/proc")
	n := 0
	for _, d := range dirs {
		comm, err := os.ReadFile("/proc/" + d.Name() + "/comm")
		if err != nil {
			continue
		}
		n++
		name := strings.TrimSpace(string(comm))
		for _, h := range hostNames {
			if name == h {
				return false, fmt.Sprintf("sees host process %s (pid %s)", name, d.Name())
			}
		}
	}
	return true, fmt.Sprintf("sees %d processes, none of the host's %q", n, hostNames)
}

func attackWriteRoot([]string) (bool, string) {
	for _, f := range []string{"/pwned", "/suid"} {
		fh, err := os.OpenFile(f, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err == nil {
			fh.Close()
			return false, "opened " + f + " for writing"
		}
		if !errors.Is(err, unix.EROFS) {
			return false, fmt.Sprintf("%s: %v, want a read-only file system", f, err)
		}
	}
	return true, "the image root is read-only (EROFS)"
}

func attackMount([]string) (bool, string) {
	err := unix.Mount("none", "/tmp", "tmpfs", 0, "")
	return denied(err, "mount tmpfs on /tmp")
}

// attackModule asks the kernel to load a module (this binary, which is not
// one): only a permission error means the request itself was refused.
func attackModule([]string) (bool, string) {
	f, err := os.Open("/proc/self/exe")
	if err != nil {
		return false, err.Error()
	}
	defer f.Close()
	return denied(unix.FinitModule(int(f.Fd()), "", 0), "finit_module")
}

func attackRawSocket([]string) (bool, string) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_RAW, unix.IPPROTO_ICMP)
	if err == nil {
		unix.Close(fd)
	}
	return denied(err, "raw ICMP socket")
}

// denied is blocked for EPERM or EACCES (and ENOSYS: the call is filtered).
func denied(err error, what string) (bool, string) {
	switch {
	case err == nil:
		return false, what + " succeeded"
	case errors.Is(err, unix.EPERM), errors.Is(err, unix.EACCES), errors.Is(err, unix.ENOSYS):
		return true, fmt.Sprintf("%s: %v", what, err)
	}
	return false, fmt.Sprintf("%s: %v, not a permission error", what, err)
}

// attackNetwork connects to each host:port (listeners the test opened on
// the host's addresses): blocked when none answers.
func attackNetwork(addrs []string) (bool, string) {
	for _, a := range addrs {
		c, err := net.DialTimeout("tcp", a, 3*time.Second)
		if err == nil {
			c.Close()
			return false, "connected to " + a
		}
	}
	return true, fmt.Sprintf("none of %d host addresses reachable", len(addrs))
}

// attackSetuid runs the setuid-root copy of this binary at PATH: blocked
// when it does not run with effective uid 0.
func attackSetuid(args []string) (bool, string) {
	if len(args) != 1 {
		return false, "setuid PATH"
	}
	out, err := exec.Command(args[0], "euid").Output()
	euid := strings.TrimSpace(string(out))
	if err != nil || euid == "" {
		return false, fmt.Sprintf("running %s: %v", args[0], err)
	}
	if euid == "0" {
		return false, fmt.Sprintf("%s ran with euid 0 (we are uid %d)", args[0], os.Getuid())
	}
	return true, fmt.Sprintf("%s ran with euid %s, not 0", args[0], euid)
}

func euid([]string) int {
	fmt.Println(os.Geteuid())
	return 0
}

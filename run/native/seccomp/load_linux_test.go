package seccomp

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// helperEnv makes the test binary, re-executed, install the filter for
// the capabilities in the variable (comma-separated; "-" for none) and
// print one "probe errno" line per probe instead of running tests.
const helperEnv = "SSHELL_SECCOMP_TEST_CAPS"

func TestMain(m *testing.M) {
	if caps, ok := os.LookupEnv(helperEnv); ok {
		os.Exit(probeHelper(caps))
	}
	os.Exit(m.Run())
}

// probeHelper runs in the re-executed test binary.
func probeHelper(capList string) int {
	var caps []string
	if capList != "-" {
		caps = strings.Split(capList, ",")
	}
	// A thread that exists before Load: TSYNC must filter it too.
	before := make(chan func() string)
	after := make(chan string)
	go func() {
		runtime.LockOSThread()
		f := <-before
		after <- f()
	}()
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		fmt.Println("setup", err)
		return 1
	}
	if capList == "time" {
		start := time.Now()
		f, err := Build(nil)
		if err != nil {
			fmt.Println("setup", err)
			return 1
		}
		built := time.Now()
		if err := f.Load(); err != nil {
			fmt.Println("setup", err)
			return 1
		}
		fmt.Println("load-ns", time.Since(start).Nanoseconds(), built.Sub(start).Nanoseconds())
		return 0
	}
	if capList != "no-filter" {
		if err := Load(caps); err != nil {
			fmt.Println("setup", err)
			return 1
		}
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	report := func(name string, err error) {
		fmt.Fprintf(out, "%s %s\n", name, errName(err))
	}
	for _, p := range probes() {
		report(p.name, p.run())
	}
	before <- func() string { return errName(keyctl()) }
	fmt.Fprintf(out, "keyctl-other-thread %s\n", <-after)
	return 0
}

type probe struct {
	name string
	run  func() error
}

func errName(err error) string {
	var errno unix.Errno
	switch {
	case err == nil:
		return "ok"
	case errors.As(err, &errno):
		return unix.ErrnoName(errno)
	}
	return strings.ReplaceAll(err.Error(), " ", "_")
}

func sys(nr uintptr, args ...uintptr) error {
	var a [6]uintptr
	copy(a[:], args)
	_, _, e := unix.Syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5])
	if e != 0 {
		return e
	}
	return nil
}

// keyctl asks for the session keyring's id (KEY_SPEC_SESSION_KEYRING).
func keyctl() error {
	spec := unix.KEY_SPEC_SESSION_KEYRING
	return sys(unix.SYS_KEYCTL, unix.KEYCTL_GET_KEYRING_ID, uintptr(spec), 0)
}

// probes are the syscalls the helper tries after Load. Probes that could
// change the test machine are made to fail in the kernel after the filter
// (bad arguments) or act only on the helper itself.
func probes() []probe {
	return []probe{
		{"keyctl", keyctl},
		{"add_key", func() error {
			return sys(unix.SYS_ADD_KEY, uintptr(unsafe.Pointer(&[]byte("user\x00")[0])), uintptr(unsafe.Pointer(&[]byte("k\x00")[0])), 0, 0, ^uintptr(0))
		}},
		{"kexec_load", func() error { return sys(unix.SYS_KEXEC_LOAD, 0, 0, 0, ^uintptr(0)) }},
		{"init_module", func() error { return sys(unix.SYS_INIT_MODULE, 0, 0, 0) }},
		{"mount", func() error { return unix.Mount("none", "/nonexistent-sshell", "tmpfs", 0, "") }},
		{"unshare-uts", func() error { return unix.Unshare(unix.CLONE_NEWUTS) }},
		{"kcmp", func() error {
			pid := uintptr(os.Getpid())
			return sys(unix.SYS_KCMP, pid, pid, 0 /* KCMP_FILE */, 0, 0)
		}},
		{"clone3", func() error { return sys(unix.SYS_CLONE3, 0, 0) }},
		{"personality-query", func() error {
			return sys(unix.SYS_PERSONALITY, 0xffffffff)
		}},
		{"personality-addr-no-randomize", func() error {
			return sys(unix.SYS_PERSONALITY, 0x0040000) // ADDR_NO_RANDOMIZE
		}},
		{"socket-inet6", func() error {
			fd, err := unix.Socket(unix.AF_INET6, unix.SOCK_DGRAM, 0)
			if err == nil {
				unix.Close(fd)
			}
			if err == unix.EAFNOSUPPORT {
				return nil // allowed by the filter; no IPv6 in the kernel
			}
			return err
		}},
		{"socket-vsock", func() error {
			fd, err := unix.Socket(unix.AF_VSOCK, unix.SOCK_STREAM, 0)
			if err == nil {
				unix.Close(fd)
			}
			return err
		}},
		{"file-io", func() error {
			f, err := os.CreateTemp("", "sshell-seccomp-")
			if err != nil {
				return err
			}
			defer os.Remove(f.Name())
			defer f.Close()
			if _, err := f.WriteString("x"); err != nil {
				return err
			}
			b, err := os.ReadFile(f.Name())
			if err == nil && string(b) != "x" {
				return errors.New("read back wrong")
			}
			return err
		}},
		{"fork-exec", func() error {
			out, err := exec.Command("/bin/sh", "-c", "echo hi | cat").Output()
			if err == nil && string(out) != "hi\n" {
				return fmt.Errorf("output %q", out)
			}
			return err
		}},
		{"clone-newuts", func() error {
			cmd := exec.Command("/bin/true")
			cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWUTS}
			return unwrapErrno(cmd.Run())
		}},
		{"threads", func() error {
			done := make(chan error, 8)
			for range 8 {
				go func() {
					runtime.LockOSThread() // forces new OS threads
					done <- sys(unix.SYS_GETTID)
				}()
			}
			for range 8 {
				if err := <-done; err != nil {
					return err
				}
			}
			return nil
		}},
	}
}

func unwrapErrno(err error) error {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return unix.Errno(errno)
	}
	return err
}

// TestProbesWithoutFilter is the control: without the filter, the probes
// the filter refuses get through to the kernel.
func TestProbesWithoutFilter(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root: unshare and kcmp must pass the kernel's own checks")
	}
	res := runProbes(t, "no-filter")
	t.Log(res)
	checkProbes(t, res, map[string]string{
		"keyctl":                        "ok",
		"keyctl-other-thread":           "ok",
		"unshare-uts":                   "ok",
		"kcmp":                          "ok",
		"personality-addr-no-randomize": "ok",
		"clone-newuts":                  "ok",
	})
	if res["clone3"] == "ENOSYS" || res["clone3"] == "EPERM" {
		t.Errorf("clone3 without a filter: %s", res["clone3"])
	}
}

// runProbes re-executes the test binary to install the filter for caps and
// returns each probe's result ("ok" or an errno name).
func runProbes(t *testing.T, caps string) map[string]string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+caps)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("helper: %v\n%s%s", err, out, stderr.Bytes())
	}
	res := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		k, v, _ := strings.Cut(line, " ")
		res[k] = v
	}
	if v, ok := res["setup"]; ok {
		t.Fatalf("helper setup: %s", v)
	}
	return res
}

func checkProbes(t *testing.T, res map[string]string, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if res[k] != v {
			t.Errorf("%s: %q, want %q", k, res[k], v)
		}
	}
}

func TestLoadNoCaps(t *testing.T) {
	res := runProbes(t, "-")
	t.Log(res)
	checkProbes(t, res, map[string]string{
		"keyctl":                        "EPERM",
		"keyctl-other-thread":           "EPERM",
		"add_key":                       "EPERM",
		"kexec_load":                    "EPERM",
		"init_module":                   "EPERM",
		"mount":                         "EPERM",
		"unshare-uts":                   "EPERM",
		"kcmp":                          "EPERM",
		"clone3":                        "ENOSYS",
		"personality-query":             "ok",
		"personality-addr-no-randomize": "EPERM",
		"socket-inet6":                  "ok",
		"socket-vsock":                  "EPERM",
		"file-io":                       "ok",
		"fork-exec":                     "ok",
		"clone-newuts":                  "EPERM",
		"threads":                       "ok",
	})
}

// TestLoadCapGated checks that capabilities open the syscalls the profile
// gates on them (the kernel then decides; the tests run as root, so they
// succeed or fail for reasons other than the filter).
func TestLoadCapGated(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root: the cap-gated syscalls must then pass the kernel's own checks")
	}
	res := runProbes(t, "SYS_ADMIN,cap_sys_ptrace")
	checkProbes(t, res, map[string]string{
		"unshare-uts":  "ok",
		"clone-newuts": "ok",
		"kcmp":         "ok",
		"keyctl":       "EPERM",
		"kexec_load":   "EPERM",
		"file-io":      "ok",
		"fork-exec":    "ok",
	})
	// mount is let through: the kernel fails it on the missing mount point.
	if res["mount"] == "EPERM" {
		t.Errorf("mount with CAP_SYS_ADMIN: EPERM, want the filter to let it through")
	}
	// clone3 is allowed with CAP_SYS_ADMIN: the kernel rejects a zero size.
	if res["clone3"] == "ENOSYS" || res["clone3"] == "EPERM" {
		t.Errorf("clone3 with CAP_SYS_ADMIN: %s, want the filter to let it through", res["clone3"])
	}
}

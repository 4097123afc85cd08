package native

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"github.com/sshell/sshell/run/native/cgroup"
)

// Available says why the native runtime cannot run here with its whole
// isolation (namespaces, and cgroups for the limits), or nil when it can.
// It starts nothing: it reads a few files of /proc, once per process.
func Available() error { return available() }

var available = sync.OnceValue(func() error {
	if err := namespaces(); err != nil {
		return err
	}
	if err := cgroup.Available(); err != nil {
		return fmt.Errorf("native: no cgroups for the limits (memory, CPU, processes): %w", err)
	}
	return nil
})

// namespaces checks that this process may make the sandbox's namespaces:
// as root it needs CAP_SYS_ADMIN (a container's root often lacks it);
// otherwise the kernel must allow unprivileged user namespaces.
func namespaces() error {
	if os.Geteuid() == 0 {
		if !hasCapability(21) { // CAP_SYS_ADMIN
			return fmt.Errorf("native: root here lacks CAP_SYS_ADMIN (inside a container?): namespaces cannot be made")
		}
		return nil
	}
	if n, err := readInt("/proc/sys/user/max_user_namespaces"); err == nil && n == 0 {
		return fmt.Errorf("native: user namespaces are disabled (user.max_user_namespaces = 0)")
	}
	if n, err := readInt("/proc/sys/kernel/unprivileged_userns_clone"); err == nil && n == 0 {
		return fmt.Errorf("native: unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone = 0)")
	}
	return nil
}

// hasCapability reports whether capability c is in this process's
// effective set (CapEff in /proc/self/status).
func hasCapability(c uint) bool {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "CapEff:"); ok {
			mask, err := strconv.ParseUint(strings.TrimSpace(v), 16, 64)
			return err == nil && mask&(1<<c) != 0
		}
	}
	return false
}

func readInt(file string) (int, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(string(bytes.TrimSpace(b)))
}

// overlayWorks reports whether overlayfs is there to stack the layers,
// built in or as a module the first mount loads (else the runner uses the
// store's flattened roots). A user namespace needs Linux 5.11 or later.
var overlayWorks = sync.OnceValue(func() bool {
	if os.Geteuid() != 0 && !kernelAtLeast(5, 11) {
		return false
	}
	if b, err := os.ReadFile("/proc/filesystems"); err == nil && bytes.Contains(b, []byte("\toverlay\n")) {
		return true
	}
	var u unix.Utsname
	if unix.Uname(&u) != nil {
		return false
	}
	_, err := os.Stat("/lib/modules/" + unix.ByteSliceToString(u.Release[:]) + "/kernel/fs/overlayfs")
	return err == nil
})

// kernelAtLeast compares the running kernel's version with major.minor.
func kernelAtLeast(major, minor int) bool {
	var u unix.Utsname
	if unix.Uname(&u) != nil {
		return false
	}
	var ma, mi int
	fmt.Sscanf(unix.ByteSliceToString(u.Release[:]), "%d.%d", &ma, &mi)
	return ma > major || (ma == major && mi >= minor)
}

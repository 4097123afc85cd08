package runtest

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sshell/sshell/run"
)

// Bounds the attacks are given: small, so that reaching them is quick.
const (
	bombPIDs  = 64
	bombMem   = 64 << 20
	hogCPUs   = 0.5
	fillTmp   = 16 << 20
	hogSecond = "2" // how long the CPU hog spins
)

func attacks() []attack {
	return []attack{
		{"ReadCanary", specReadCanary, saidBlocked},
		{"HostProcesses", specProcs, saidBlocked},
		{"WriteImageRoot", asRoot("write-root"), saidBlocked},
		{"Mount", asRoot("mount"), saidBlocked},
		{"KernelModule", asRoot("module"), saidBlocked},
		{"RawSocket", asRoot("raw-socket"), saidBlocked},
		{"NetworkNone", specNetwork, saidBlocked},
		{"Setuid", specSetuid, saidBlocked},
		{"SymlinkToRoot", specSymlink, saidBlocked},
		{"ForkBomb", specForkBomb, judgeForkBomb},
		{"MemoryBomb", specMemory, judgeMemory},
		{"CPUHog", specCPU, judgeCPU},
		{"FillTmp", specFillTmp, judgeFillTmp},
	}
}

// asRoot runs attack NAME as root in the container: even root must be
// refused, for its capabilities are gone.
func asRoot(name string) func(*testing.T, *fixture, string) run.Spec {
	return func(t *testing.T, f *fixture, image string) run.Spec {
		spec := f.hostile(image, name)
		spec.User = "0:0"
		return spec
	}
}

// canary is a host file beside (not in) the working directory it returns.
func canary(t *testing.T) (file, dir string) {
	t.Helper()
	dir = workDir(t)
	file = filepath.Join(filepath.Dir(dir), "canary-"+randomID())
	if err := os.WriteFile(file, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(file) })
	return file, dir
}

func specReadCanary(t *testing.T, f *fixture, image string) run.Spec {
	file, dir := canary(t)
	spec := f.hostile(image, "read", file, "/proc/1/root"+file)
	spec.WorkDir = dir
	return spec
}

// specSymlink: a link in the working directory points at /, and the tool
// reads the canary through it.
func specSymlink(t *testing.T, f *fixture, image string) run.Spec {
	file, dir := canary(t)
	if err := os.Symlink("/", filepath.Join(dir, "root")); err != nil {
		t.Fatal(err)
	}
	spec := f.hostile(image, "read", filepath.Join(dir, "root", file), "root"+file)
	spec.WorkDir = dir
	return spec
}

// specProcs looks for the host's processes by name: this test process and
// the daemon's.
func specProcs(t *testing.T, f *fixture, image string) run.Spec {
	self, err := os.ReadFile("/proc/self/comm")
	if err != nil {
		t.Skipf("no /proc on the host: %v", err)
	}
	return f.hostile(image, "procs", strings.TrimSpace(string(self)), "dockerd", "containerd")
}

// specNetwork listens on every host address and lets the tool, with the
// default network (none), try to connect to them.
func specNetwork(t *testing.T, f *fixture, image string) run.Spec {
	l, err := net.Listen("tcp", ":0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	args := []string{"network"}
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if ip, ok := a.(*net.IPNet); ok && ip.IP.To4() != nil && !ip.IP.IsLoopback() {
			args = append(args, net.JoinHostPort(ip.IP.String(), port))
		}
	}
	if len(args) == 1 {
		t.Skip("the host has no non-loopback IPv4 address to try")
	}
	return f.hostile(image, args...)
}

// specSetuid runs as an unprivileged user who execs a setuid-root binary.
func specSetuid(t *testing.T, f *fixture, image string) run.Spec {
	spec := f.hostile(image, "setuid", "/suid")
	spec.User = "1234:1234"
	return spec
}

func specForkBomb(t *testing.T, f *fixture, image string) run.Spec {
	spec := f.hostile(image, "fork-bomb")
	spec.Limits.PIDs = bombPIDs
	return spec
}

// judgeForkBomb: the bomb stopped short of the pids limit.
func judgeForkBomb(res run.Result, out string) (bool, string) {
	ok, line := saidBlocked(res, out)
	var n int
	fmt.Sscanf(value(line, "forks"), "%d", &n)
	return ok && n < bombPIDs, fmt.Sprintf("%s (pids limit %d)", line, bombPIDs)
}

func specMemory(t *testing.T, f *fixture, image string) run.Spec {
	spec := f.hostile(image, "memory")
	spec.Limits.Memory = bombMem
	return spec
}

// judgeMemory: the tool was killed and the kill reported as the memory bound's.
func judgeMemory(res run.Result, out string) (bool, string) {
	ok := res.ExitCode == 137 && res.Stopped == run.StoppedMemory && !strings.Contains(out, "ESCAPED")
	return ok, fmt.Sprintf("exit %d, stopped %q, output %q", res.ExitCode, res.Stopped, out)
}

func specCPU(t *testing.T, f *fixture, image string) run.Spec {
	spec := f.hostile(image, "cpu", hogSecond)
	spec.Limits.CPUs = hogCPUs
	return spec
}

// judgeCPU: over its run the hog used at most twice its CPU limit (without
// the limit it would use every CPU), and the kernel throttled it when the
// cgroup says so. Generous on purpose: no timing is asserted.
func judgeCPU(res run.Result, out string) (bool, string) {
	ok, line := saidBlocked(res, out)
	var cpus float64
	var throttled int
	fmt.Sscanf(value(line, "cpus"), "%g", &cpus)
	fmt.Sscanf(value(line, "throttled"), "%d", &throttled)
	return ok && cpus > 0 && cpus <= 2*hogCPUs && throttled != 0, fmt.Sprintf("%s (limit %g CPUs)", line, hogCPUs)
}

func specFillTmp(t *testing.T, f *fixture, image string) run.Spec {
	spec := f.hostile(image, "fill-tmp")
	spec.Limits.Tmp = fillTmp
	return spec
}

// judgeFillTmp: writing stopped, for lack of space, within the size of /tmp.
func judgeFillTmp(res run.Result, out string) (bool, string) {
	ok, line := saidBlocked(res, out)
	var n int64
	fmt.Sscanf(value(line, "bytes"), "%d", &n)
	return ok && n <= fillTmp, fmt.Sprintf("%s (/tmp size %d)", line, fillTmp)
}

// value is the VALUE of the first KEY=VALUE word in line.
func value(line, key string) string {
	for _, w := range strings.Fields(line) {
		if v, ok := strings.CutPrefix(w, key+"="); ok {
			return v
		}
	}
	return ""
}

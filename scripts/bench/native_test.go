package bench

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run/native"
)

// BenchmarkNativeWarm times a warm call of the real /bin/true, and of jq .
// on a small file, alternating them each round: sshell on its native
// runtime (with a sandbox kept ready, the warm call, and without: a
// sandbox made for the call), bubblewrap with comparable isolation, `docker run --rm`
// with sshell's options, and sshell on Docker. Targets: native at most 1.3×
// bwrap, and at least 30× faster than docker run. The tool run directly on
// the host is timed too, so that each path's overhead shows apart from the
// tool's own time: Debian's jq 1.6 spends ~35 ms of CPU compiling its
// builtins before it reads a byte, which no runtime can remove.
func BenchmarkNativeWarm(b *testing.B) {
	testimage.RequireDocker(b)
	bwrap, err := exec.LookPath("bwrap")
	if err != nil {
		b.Skip("bwrap is not installed (apt-get install bubblewrap): no peer to compare native with")
	}
	jq, err := exec.LookPath("jq")
	if err != nil {
		b.Skip("jq is not installed (apt-get install jq): the jq image is built from the host's")
	}
	sshell := buildSshell(b)
	floorBin := buildCmd(b, "github.com/sshell/sshell/run/native/internal/readybench")
	img := newHostImage(b, testimage.StartRegistry(b), "bench-native", "/bin/true", jq)
	dir := b.TempDir()
	b.Chdir(dir)
	must(b, "writing the jq input", os.WriteFile(filepath.Join(dir, "small.json"), []byte(`{"a":[1,2,3],"b":{"c":"d"}}`), 0o644))
	env := append(os.Environ(), "XDG_DATA_HOME="+b.TempDir(), "XDG_STATE_HOME="+b.TempDir(),
		"XDG_CACHE_HOME="+b.TempDir(), "XDG_CONFIG_HOME="+b.TempDir(), "SSHELL_GC=off", "SSHELL_UPGRADE_TTL=off")
	cold := append(slices.Clone(env), "SSHELL_READY=off")
	ready := append(slices.Clone(env), "SSHELL_READY=10m")
	defer stopKeepers(b, keeperLocks())
	timeCmd(b, env, "docker", "pull", "-q", img.ref)
	timeCmd(b, cold, sshell, "run", "--runtime", "native", "--image", img.ref, "--", "true") // the native store pulls once
	for _, c := range []struct {
		name string
		args []string
	}{
		{"true", []string{"true"}},
		{"jq", []string{"jq", ".", "small.json"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			native := append([]string{sshell, "run", "--runtime", "native", "--image", img.ref, "--"}, c.args...)
			timeCmd(b, ready, native...) // cold: it starts the keeper
			var nat, natCold, floor, bw, dr, sd, host samples
			for range b.N {
				host = append(host, timeCmd(b, env, hostArgs(img.rootfs, c.args)...))
				floor = append(floor, timeCmd(b, env, append([]string{floorBin, waitReady(b)}, c.args...)...))
				waitReady(b)
				nat = append(nat, timeCmd(b, ready, native...))
				natCold = append(natCold, timeCmd(b, cold, native...))
				bw = append(bw, timeCmd(b, env, append(bwrapArgs(bwrap, img.rootfs, dir), c.args...)...))
				dr = append(dr, timeCmd(b, env, dockerRunArgs(img.ref, dir, c.args...)...))
				sd = append(sd, timeCmd(b, env, append([]string{sshell, "run", "--runtime", "docker", "--image", img.ref, "--"}, c.args...)...))
			}
			report(b, "native-ms", nat.median())
			report(b, "native-cold-ms", natCold.median())
			report(b, "lean-floor-ms", floor.median())
			report(b, "bwrap-ms", bw.median())
			report(b, "docker-run-ms", dr.median())
			report(b, "sshell-docker-ms", sd.median())
			report(b, "host-ms", host.median())
			toBwrap := float64(nat.median()) / float64(bw.median())
			faster := float64(dr.median()) / float64(nat.median())
			b.ReportMetric(toBwrap, "native/bwrap")
			b.ReportMetric(faster, "docker-run/native")
			over := func(s samples) float64 { return ms(s.median() - host.median()) }
			b.Logf("warm %s, %d rounds: native %.2f ms (a ready sandbox; %.2f ms without one; %.2f ms from a client that links only the sandbox's client side, readybench), bwrap %.2f ms, docker run %.1f ms, sshell on docker %.1f ms, on the host %.2f ms; native/bwrap %.2f× (%s), docker run/native %.1f× (%s); overhead over the host: native %+.2f ms (%+.2f ms without a ready sandbox), bwrap %+.2f ms, docker run %+.1f ms",
				c.name, len(nat), ms(nat.median()), ms(natCold.median()), ms(floor.median()), ms(bw.median()), ms(dr.median()), ms(sd.median()), ms(host.median()),
				toBwrap, verdict(toBwrap <= 1.3), faster, verdict(faster >= 30), over(nat), over(natCold), over(bw), over(dr))
		})
	}
}

// waitReady waits until the keeper has a sandbox ready (it gets the next
// one ready after each call): the "warm" call the targets are about. It
// returns the newest ready socket. The bench runs as root, so the state
// directory is the system's.
func waitReady(b *testing.B) string {
	b.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		socks, _ := filepath.Glob(filepath.Join(native.ReadyDir(native.DefaultStateDir()), "*", "*.sock"))
		if len(socks) > 0 {
			return newest(socks)
		}
	}
	b.Fatal("no sandbox got ready in 10s: is the keeper running (SSHELL_READY, `sshell doctor`)?")
	return ""
}

// newest is the most recently changed of paths.
func newest(paths []string) string {
	best, at := paths[0], time.Time{}
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && st.ModTime().After(at) {
			best, at = p, st.ModTime()
		}
	}
	return best
}

// keeperLocks are the keepers' lock files in the state directory.
func keeperLocks() []string {
	locks, _ := filepath.Glob(filepath.Join(native.ReadyDir(native.DefaultStateDir()), "*", "keeper.lock"))
	return locks
}

// stopKeepers ends the keepers the benchmark started: those whose lock
// was not there before it.
func stopKeepers(b *testing.B, before []string) {
	for _, l := range keeperLocks() {
		if slices.Contains(before, l) {
			continue
		}
		if pid, err := os.ReadFile(l); err == nil {
			_ = exec.Command("kill", strings.TrimSpace(string(pid))).Run()
		}
	}
}

// bwrapArgs isolate like sshell's native defaults as far as bubblewrap
// can: every namespace (network none), the image root read-only, a fresh
// /proc, a minimal /dev, a tmpfs /tmp, the working directory bound at its
// own path, no capabilities. bwrap sets no cgroup limits and, without a
// compiled filter passed by fd, no seccomp: sshell does both, so the
// comparison is, if anything, in bwrap's favour.
func bwrapArgs(bwrap, rootfs, dir string) []string {
	return []string{bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", rootfs, "/",
		"--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--bind", dir, dir, "--chdir", dir,
		"--cap-drop", "ALL", "--setenv", "HOME", "/tmp", "--"}
}

// hostArgs run the tool straight from the host: the same program, with
// no isolation at all.
func hostArgs(rootfs string, args []string) []string {
	p, err := exec.LookPath(args[0])
	if err != nil {
		p = filepath.Join(rootfs, "bin", args[0])
	}
	return append([]string{p}, args[1:]...)
}

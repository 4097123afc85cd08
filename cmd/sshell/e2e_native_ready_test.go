//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run/native"
	"github.com/sshell/sshell/run/native/cgroup"
)

// readyUser is one user of the native runtime with ready sandboxes on:
// a home with a manifest for rdy, kept across calls.
type readyUser struct {
	t         *testing.T
	bin, home string
	idle      string     // $SSHELL_READY
	extra     []*os.File // the calls' fds from 3 on
}

// readyCall is one call of rdy and what it must do.
type readyCall struct {
	dir, stdin string
	args       []string
	code       int
	stdout     string
}

// TestReadySandboxes: on the native runtime, a cold run of a tool starts a
// keeper; the next calls run in the sandbox it keeps ready, recorded so
// and counted by `sshell stats`, and behave as a cold call: stdin, stdout,
// the exit code, the caller's working directory. Once idle the keeper
// exits, leaving no sandbox, state or cgroup; `sshell purge` stops a live
// one and leaves nothing either.
func TestReadySandboxes(t *testing.T) {
	if why := readyUnsupported(); why != "" {
		t.Skip(why)
	}
	u := &readyUser{t: t, bin: sshellBin(t), home: openDir(t), idle: "5s"}
	ref := testimage.Push(t, testimage.StartRegistry(t), "sshell-e2e/ready")
	writeManifest(t, u.home, "[tools.rdy]\nimage = \""+ref+"\"\n")
	sub := filepath.Join(u.home, "work", "sub")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	inherited := u.callWithPipe(readyCall{dir: sub, args: []string{"pwd"}, stdout: sub + "\n"})
	keeper, dir := u.keeper(0)
	if holds(keeper, inherited) {
		t.Errorf("the keeper %d holds %s, which its sshell inherited as fd 3: whoever waits for its end waits for the keeper", keeper, inherited)
	}
	for _, c := range []readyCall{
		{dir: sub, args: []string{"pwd"}, stdout: sub + "\n"},
		{dir: u.home, args: []string{"pwd"}, stdout: u.home + "\n"},
		{dir: sub, stdin: "a\x00b\n", args: []string{"cat"}, stdout: "a\x00b\n"},
		{dir: sub, args: []string{"exit", "42"}, code: 42},
	} {
		waitReadySocket(t, dir)
		u.call(c, true)
	}
	u.checkStats(4)
	boxes := keeperBoxes(t, keeper)
	eventually(t, "the idle keeper to exit", func() bool { return processGone(keeper) })
	checkKeeperLeftNothing(t, dir, keeper, boxes)

	u.idle = "10m" // the keeper purge stops must not exit by itself first
	u.call(readyCall{dir: sub, args: []string{"pwd"}, stdout: sub + "\n"}, false)
	keeper, dir = u.keeper(keeper)
	boxes = keeperBoxes(t, keeper)
	u.purge(keeper) // it waits for the keeper to let go of its lock, its last act
	eventually(t, "the purged keeper to exit", func() bool { return processGone(keeper) })
	if _, err := os.Stat(native.ReadyDir(native.DefaultStateDir())); !os.IsNotExist(err) {
		t.Errorf("%s remains after sshell purge (%v)", native.ReadyDir(native.DefaultStateDir()), err)
	}
	checkKeeperLeftNothing(t, dir, keeper, boxes)
}

// readyUnsupported is why ready sandboxes cannot run here, "" when they can.
func readyUnsupported() string {
	if err := native.Available(); err != nil {
		return "the native runtime cannot run here: " + err.Error()
	}
	if b, _ := os.ReadFile("/proc/filesystems"); !bytes.Contains(b, []byte("\toverlay\n")) {
		return "ready sandboxes need overlayfs, which this kernel does not list"
	}
	var u unix.Utsname
	if unix.Uname(&u) != nil {
		return "uname failed"
	}
	rel := unix.ByteSliceToString(u.Release[:])
	var major, minor int
	parts := strings.SplitN(rel, ".", 3)
	if len(parts) >= 2 {
		major, _ = strconv.Atoi(parts[0])
		minor, _ = strconv.Atoi(strings.TrimFunc(parts[1], func(r rune) bool { return r < '0' || r > '9' }))
	}
	if major < 6 || (major == 6 && minor < 15) {
		return "ready sandboxes need Linux 6.15 or later, this is " + rel
	}
	return ""
}

// cmd is sshell with args in dir, on native, ready sandboxes kept for
// u.idle, with u's home and XDG directories.
func (u *readyUser) cmd(dir string, args ...string) *exec.Cmd {
	cmd := nativeCmd(u.t, u.bin, args...)
	cmd.Dir = dir
	cmd.Env = append(cmd.Env, "HOME="+u.home, "XDG_CONFIG_HOME="+filepath.Join(u.home, ".config"),
		"XDG_DATA_HOME="+filepath.Join(u.home, ".local", "share"), "XDG_STATE_HOME="+filepath.Join(u.home, ".local", "state"),
		"XDG_CACHE_HOME="+filepath.Join(u.home, ".cache"), envReady+"="+u.idle)
	for _, k := range []string{"XDG_RUNTIME_DIR", "TMPDIR"} { // the state directory: the test's
		if v, ok := os.LookupEnv(k); ok {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
	}
	return cmd
}

// call runs rdy as c says and wants its exit code and stdout, and the
// call recorded as run by a ready sandbox exactly when ready.
func (u *readyUser) call(c readyCall, ready bool) {
	u.t.Helper()
	cmd := u.cmd(c.dir, append([]string{"run", "rdy"}, c.args...)...)
	cmd.Stdin, cmd.ExtraFiles = strings.NewReader(c.stdin), u.extra
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	_ = cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != c.code || out.String() != c.stdout {
		u.t.Errorf("rdy %q in %s (ready %v): exit %d, stdout %q, stderr %q; want %d, %q", c.args, c.dir, ready,
			code, out.String(), errOut.String(), c.code, c.stdout)
	}
	log, err := os.ReadFile(filepath.Join(u.home, ".local", "state", "sshell", "calls.jsonl"))
	lines := strings.Split(strings.TrimSpace(string(log)), "\n")
	if last := lines[len(lines)-1]; err != nil || strings.Contains(last, `"ready":true`) != ready {
		u.t.Errorf("rdy %q: the call's record %q (%v); want ready %v", c.args, last, err, ready)
	}
}

// callWithPipe is call, cold, with a pipe's write end as the caller's fd
// 3 (as bats and make's jobserver pass one); it returns the pipe's name.
func (u *readyUser) callWithPipe(c readyCall) string {
	u.t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		u.t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	u.extra = []*os.File{w}
	defer func() { u.extra = nil }()
	u.call(c, false)
	name, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(int(w.Fd())))
	if err != nil {
		u.t.Fatal(err)
	}
	return name
}

// holds reports process pid holding the file named name ("pipe:[123]").
func holds(pid int, name string) bool {
	fds, _ := os.ReadDir("/proc/" + strconv.Itoa(pid) + "/fd")
	for _, fd := range fds {
		if l, err := os.Readlink("/proc/" + strconv.Itoa(pid) + "/fd/" + fd.Name()); err == nil && l == name {
			return true
		}
	}
	return false
}

// keeper waits for the keeper the last call started, other than old: one
// with u's home in its environment, whose lock is in a ready directory
// with a sandbox's socket. It returns its pid and directory; a test that
// fails before it exits stops it.
func (u *readyUser) keeper(old int) (int, string) {
	u.t.Helper()
	var dir string
	var pid int
	eventually(u.t, "a keeper to get a sandbox ready", func() bool {
		for _, d := range readyDirs() {
			b, _ := os.ReadFile(filepath.Join(d, "keeper.lock"))
			if p, err := strconv.Atoi(string(b)); err == nil && p != old && u.owns(p) && readySocket(d) {
				dir, pid = d, p
				return true
			}
		}
		return false
	})
	u.t.Cleanup(func() {
		if !processGone(pid) {
			_ = syscall.Kill(pid, syscall.SIGTERM)
			eventually(u.t, "the keeper to stop", func() bool { return processGone(pid) })
		}
	})
	return pid, dir
}

// owns reports a live process started with u's home in its environment.
func (u *readyUser) owns(pid int) bool {
	env, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/environ")
	return err == nil && !processGone(pid) && slices.Contains(strings.Split(string(env), "\x00"), "HOME="+u.home)
}

// checkStats wants `sshell stats` to count ready calls of rdy as READY.
func (u *readyUser) checkStats(ready int) {
	u.t.Helper()
	out, err := u.cmd(u.home, "stats", "rdy").Output()
	lines := strings.Split(string(out), "\n")
	if err != nil || len(lines) < 2 || !strings.Contains(lines[0], " WARM  READY ") ||
		len(strings.Fields(lines[1])) < 6 || strings.Fields(lines[1])[5] != strconv.Itoa(ready) {
		u.t.Errorf("sshell stats rdy (%v): want READY %d\n%s", err, ready, out)
	}
}

// purge runs `sshell purge`, which must name keeper's sandboxes and leave
// it be, then `sshell purge --yes`, both without Docker (its part is
// skipped). Another test's native run in progress keeps the store: that
// alone is no failure here.
func (u *readyUser) purge(keeper int) {
	u.t.Helper()
	out, errOut, code := u.try("purge")
	if code != exitUsage || !strings.Contains(out, "would remove the ready sandboxes of keeper pid "+strconv.Itoa(keeper)+", stopping it\n") ||
		strings.Contains(out, "(rdy) is in progress") || !u.owns(keeper) {
		u.t.Errorf("sshell purge with keeper %d: exit %d, keeper alive %v\n%s%s", keeper, code, u.owns(keeper), out, errOut)
	}
	out, errOut, code = u.try("purge", "--yes")
	if (code != 0 && !strings.Contains(errOut, "native run(s) in progress")) ||
		strings.Contains(out, "(rdy) is in progress") || !strings.Contains(out, "stopped the keeper of ready sandboxes, pid "+strconv.Itoa(keeper)+"\n") {
		u.t.Errorf("sshell purge --yes with keeper %d: exit %d\n%s%s", keeper, code, out, errOut)
	}
}

// try runs sshell with args in u's home, without Docker; it returns
// stdout, stderr and the exit code.
func (u *readyUser) try(args ...string) (string, string, int) {
	cmd := u.cmd(u.home, args...)
	cmd.Env = append(cmd.Env, "DOCKER_HOST=unix://"+filepath.Join(u.home, "no-daemon.sock"))
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	_ = cmd.Run()
	return out.String(), errOut.String(), cmd.ProcessState.ExitCode()
}

// readyDirs are the ready directories in the native state directory.
func readyDirs() []string {
	dirs, _ := filepath.Glob(filepath.Join(native.ReadyDir(native.DefaultStateDir()), "*"))
	return dirs
}

// readySocket reports a ready sandbox's socket in dir.
func readySocket(dir string) bool {
	socks, _ := filepath.Glob(filepath.Join(dir, "*.sock"))
	return len(socks) > 0
}

func waitReadySocket(t *testing.T, dir string) {
	t.Helper()
	eventually(t, "a sandbox ready in "+dir, func() bool { return readySocket(dir) })
}

// keeperBoxes are the native runs (state directories) of keeper pid: its
// ready sandboxes. There is one once a sandbox is ready.
func keeperBoxes(t *testing.T, pid int) []string {
	t.Helper()
	var ids []string
	eventually(t, "the keeper's sandbox", func() bool {
		ids = nil
		runs, err := nativeRuns()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range runs {
			if r.keptBy([]int{pid}) {
				ids = append(ids, r.id)
			}
		}
		return len(ids) > 0
	})
	return ids
}

// checkKeeperLeftNothing wants no socket in the keeper's ready directory,
// and none of its sandboxes' state directories or cgroups.
func checkKeeperLeftNothing(t *testing.T, dir string, pid int, boxes []string) {
	t.Helper()
	if readySocket(dir) {
		t.Errorf("the exited keeper %d left a ready socket in %s", pid, dir)
	}
	runs, _ := nativeRuns()
	for _, r := range runs {
		if r.keptBy([]int{pid}) || slices.Contains(boxes, r.id) {
			t.Errorf("the exited keeper %d left the state of its sandbox %s", pid, r.dir)
		}
	}
	for _, id := range boxes {
		if _, err := cgroup.Open(id); err == nil {
			t.Errorf("the exited keeper %d left the cgroup of its sandbox %s", pid, id)
		}
	}
}

// processGone reports a process that exited: no such pid, or a zombie.
func processGone(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i < 0 || i+2 >= len(s) || s[i+2] == 'Z'
}

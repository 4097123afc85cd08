package cgroup

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
)

// hybridMountinfo and hybridSelf are this machine's (a Debian 12 VM):
// v1 hierarchies in a tmpfs at /sys/fs/cgroup, a controller-less cgroup2 at
// /sys/fs/cgroup/unified.
const hybridMountinfo = `22 1 254:0 / / rw,relatime - ext4 /dev/vda rw
31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
`

const hybridSelf = `9:name=systemd:/
8:pids:/
4:memory:/process_api/6c33
2:cpuacct:/
1:cpu:/
0::/
`

func TestDetectHybridIsV1(t *testing.T) {
	l := detect([]byte(hybridMountinfo), []byte(hybridSelf), 0)
	if l.err != nil || l.v2 {
		t.Fatalf("detect = v2 %v, err %v; want v1", l.v2, l.err)
	}
	want := []string{"/sys/fs/cgroup/memory/sshell", "/sys/fs/cgroup/cpu/sshell", "/sys/fs/cgroup/pids/sshell"}
	if !reflect.DeepEqual(l.parents, want) || l.mem != 0 {
		t.Errorf("root parents = %v (mem %d), want %v", l.parents, l.mem, want)
	}
	if l.ctrl["cpu"] != 1 || l.ctrl["pids"] != 2 {
		t.Errorf("ctrl = %v", l.ctrl)
	}
	l = detect([]byte(hybridMountinfo), []byte(hybridSelf), 1000)
	want = []string{"/sys/fs/cgroup/memory/process_api/6c33/sshell", "/sys/fs/cgroup/cpu/sshell", "/sys/fs/cgroup/pids/sshell"}
	if !reflect.DeepEqual(l.parents, want) {
		t.Errorf("uid 1000 parents = %v, want %v (inside its own cgroups)", l.parents, want)
	}
}

func TestDetectV1CoMounted(t *testing.T) {
	mi := `32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct
35 31 0:32 /docker/abc /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
39 31 0:36 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids
`
	self := "5:cpu,cpuacct:/a\n4:memory:/docker/abc/b\n3:pids:/c\n"
	l := detect([]byte(mi), []byte(self), 1000)
	want := []string{"/sys/fs/cgroup/memory/b/sshell", "/sys/fs/cgroup/cpu,cpuacct/a/sshell", "/sys/fs/cgroup/pids/c/sshell"}
	if l.err != nil || !reflect.DeepEqual(l.parents, want) {
		t.Errorf("parents = %v, %v; want %v", l.parents, l.err, want)
	}
}

func TestDetectV2(t *testing.T) {
	mi := `30 23 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate
31 23 0:26 / /mnt/other rw - cgroup2 cgroup2 rw
`
	self := "0::/user.slice/user-1000.slice/user@1000.service/app.slice/run.scope\n"
	l := detect([]byte(mi), []byte(self), 1000)
	want := []string{"/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/app.slice/sshell"}
	if l.err != nil || !l.v2 || !reflect.DeepEqual(l.parents, want) {
		t.Errorf("uid 1000: v2 %v parents %v err %v; want v2 %v (beside its own cgroup)", l.v2, l.parents, l.err, want)
	}
	if !reflect.DeepEqual(l.enable, []string{"memory", "cpu", "pids"}) {
		t.Errorf("enable = %v", l.enable)
	}
	l = detect([]byte(mi), []byte(self), 0)
	if l.err != nil || !reflect.DeepEqual(l.parents, []string{"/sys/fs/cgroup/sshell"}) {
		t.Errorf("root: parents %v err %v; want /sys/fs/cgroup/sshell", l.parents, l.err)
	}
	l = detect([]byte(mi), []byte("0::/\n"), 1000)
	if !reflect.DeepEqual(l.parents, []string{"/sys/fs/cgroup/sshell"}) {
		t.Errorf("uid 1000 in the root cgroup: parents %v", l.parents)
	}
}

func TestDetectFailures(t *testing.T) {
	cases := map[string][2]string{
		"no cgroup filesystem": {"22 1 254:0 / / rw - ext4 /dev/vda rw\n", "0::/\n"},
		"no pids controller": {"32 31 0:29 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n" +
			"35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n", "2:cpu:/\n1:memory:/\n"},
		"no 0:: line": {"30 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n", "1:name=systemd:/\n"},
	}
	for want, in := range cases {
		l := detect([]byte(in[0]), []byte(in[1]), 0)
		if l.err == nil || !strings.Contains(l.err.Error(), want) {
			t.Errorf("detect = %v, want an error saying %q", l.err, want)
		}
	}
}

func TestUnescape(t *testing.T) {
	if got := unescape(`/mnt/a\040b\\x`); got != `/mnt/a b\\x` {
		t.Errorf("unescape = %q", got)
	}
	mi := `30 23 0:26 / /mnt/my\040cg rw - cgroup2 cgroup2 rw` + "\n"
	if m := parseMountinfo([]byte(mi)); len(m) != 1 || m[0].point != "/mnt/my cg" {
		t.Errorf("parseMountinfo = %+v", m)
	}
}

// TestWritableV2Files checks, on a fake directory tree (file-level logic
// only), that a v2 parent whose cgroup.controllers lacks a needed
// controller is reported.
func TestWritableV2Files(t *testing.T) {
	root := t.TempDir()
	l := &layout{v2: true, parents: []string{filepath.Join(root, "sshell")}, mem: 0}
	write := func(s string) {
		if err := os.WriteFile(filepath.Join(root, "cgroup.controllers"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("cpuset cpu io memory pids\n")
	if err := writable(l, os.Geteuid()); err != nil {
		t.Errorf("writable with all controllers: %v", err)
	}
	write("cpuset io pids\n")
	if err := writable(l, os.Geteuid()); err == nil || !strings.Contains(err.Error(), "no memory controller") {
		t.Errorf("writable without memory = %v, want no memory controller", err)
	}
}

func TestAvailableHere(t *testing.T) {
	err := Available()
	t.Logf("Available() = %v (layout v2=%v parents=%v)", err, current().v2, current().parents)
	if os.Geteuid() == 0 && err != nil && current().err == nil {
		t.Errorf("root with a detected layout but Available() = %v", err)
	}
}

// TestAvailableUnprivileged runs Available as uid 65534, who cannot create
// cgroups on a machine without a delegated subtree: it must say why.
func TestAvailableUnprivileged(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to switch to uid 65534")
	}
	dir, err := os.MkdirTemp("", "sshell-cgroup-test-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "cgroup.test")
	b, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"=available")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	msg := strings.TrimSpace(string(out))
	t.Logf("Available() as uid 65534: %s", msg)
	if msg == "<nil>" {
		t.Skip("uid 65534 may create cgroups here (a delegated subtree)")
	}
	if !strings.Contains(msg, "uid 65534") || !strings.Contains(msg, "run as root or delegate a subtree") {
		t.Errorf("Available() = %q, want it to name the uid and the remedy", msg)
	}
}

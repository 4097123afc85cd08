package sandbox

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExitCode(t *testing.T) {
	requireRoot(t)
	l := layer(t)
	for _, c := range []struct {
		args []string
		want int
	}{{[]string{"exit", "0"}, 0}, {[]string{"exit", "42"}, 42}, {[]string{"kill", "TERM"}, 143}} {
		code, out, errOut, err := runBox(t, config(t, []string{l}, c.args...))
		if err != nil || code != c.want {
			t.Errorf("%v: exit %d, err %v, want %d (stdout %q stderr %q)", c.args, code, err, c.want, out, errOut)
		}
	}
}

func TestIsolated(t *testing.T) {
	requireRoot(t)
	cfg := config(t, []string{layer(t)}, "attack", "procs", "sshell-never", "dockerd")
	code, out, errOut, err := runBox(t, cfg)
	if err != nil || code != 0 || !strings.HasPrefix(out, "blocked: ") {
		t.Errorf("procs: exit %d, err %v, stdout %q stderr %q", code, err, out, errOut)
	}
	cfg = config(t, []string{layer(t)}, "attack", "write-root")
	if code, out, _, err := runBox(t, cfg); err != nil || code != 0 {
		t.Errorf("write-root: exit %d, err %v, stdout %q", code, err, out)
	}
}

func TestNotFound(t *testing.T) {
	requireRoot(t)
	cfg := config(t, []string{layer(t)})
	cfg.Args = []string{"/nope"}
	code, _, _, err := runBox(t, cfg)
	var se *Error
	if !errors.As(err, &se) || se.Code != CodeNotFound || code != CodeNotFound {
		t.Errorf("/nope: exit %d, err %v; want an *Error with code 127", code, err)
	}
	cfg = config(t, []string{layer(t)})
	cfg.Args = []string{"/tmp"}
	code, _, _, err = runBox(t, cfg)
	if !errors.As(err, &se) || se.Code != CodeCannotExec || code != CodeCannotExec {
		t.Errorf("/tmp: exit %d, err %v; want an *Error with code 126", code, err)
	}
}

// TestRestricted: the tool has no capability but CapAdd's (ambient for a
// user other than root), no_new_privs and the seccomp filter; Privileged
// has every capability and neither.
func TestRestricted(t *testing.T) {
	requireRoot(t)
	l := layer(t)
	for _, c := range restrictions {
		t.Run(c.name, func(t *testing.T) {
			cfg := config(t, []string{l}, "attack", "read", "/proc/self/status")
			cfg.User, cfg.Privileged, cfg.CapAdd = c.user, c.privileged, c.capAdd
			_, out, errOut, err := runBox(t, cfg)
			if err != nil {
				t.Fatalf("run: %v (stderr %q)", err, errOut)
			}
			c.check(t, out)
		})
	}
}

// restrictions are what a tool keeps with each kind of config.
var restrictions = []restriction{
	{"Default", "", false, nil, []string{"CapEff:\t0000000000000000", "CapBnd:\t0000000000000000", "NoNewPrivs:\t1", "Seccomp:\t2"}},
	{"CapAdd", "", false, []string{"NET_RAW", "CAP_CHOWN"}, []string{"CapEff:\t0000000000002001", "CapBnd:\t0000000000002001", "Seccomp:\t2"}},
	{"CapAddNonRoot", "1234:1234", false, []string{"NET_RAW"}, []string{"Uid:\t1234", "CapEff:\t0000000000002000", "CapAmb:\t0000000000002000", "NoNewPrivs:\t1"}},
	{"Privileged", "", true, nil, []string{"NoNewPrivs:\t0", "Seccomp:\t0"}},
}

type restriction struct {
	name       string
	user       string
	privileged bool
	capAdd     []string
	want       []string
}

// check looks for want in the tool's /proc/self/status, as attack read
// printed it.
func (c restriction) check(t *testing.T, out string) {
	t.Helper()
	status := strings.ReplaceAll(out, `\t`, "\t")
	for _, w := range c.want {
		if !strings.Contains(status, w) {
			t.Errorf("/proc/self/status lacks %q: %s", w, out)
		}
	}
}

// TestRestrictedUserNS: in a user namespace too the tool keeps no
// capability (as root here, the namespace maps root to root).
func TestRestrictedUserNS(t *testing.T) {
	requireRoot(t)
	cfg := config(t, []string{layer(t)}, "attack", "read", "/proc/self/status")
	cfg.UserNS = true
	_, out, errOut, err := runBox(t, cfg)
	if err != nil {
		t.Fatalf("run: %v (stderr %q)", err, errOut)
	}
	status := strings.ReplaceAll(out, `\t`, "\t")
	for _, w := range []string{"CapEff:\t0000000000000000", "CapBnd:\t0000000000000000", "NoNewPrivs:\t1", "Seccomp:\t2"} {
		if !strings.Contains(status, w) {
			t.Errorf("/proc/self/status lacks %q: %s", w, out)
		}
	}
}

// TestFlatRoot: without overlayfs the flattened root is bound read-only.
func TestFlatRoot(t *testing.T) {
	requireRoot(t)
	cfg := config(t, nil, "attack", "write-root")
	cfg.Flat = layer(t)
	code, out, errOut, err := runBox(t, cfg)
	if err != nil || code != 0 || !strings.HasPrefix(out, "blocked: ") {
		t.Errorf("write-root in a flat root: exit %d, err %v, stdout %q, stderr %q", code, err, out, errOut)
	}
}

// TestReadWriteRoot: the throwaway upper takes writes.
func TestReadWriteRoot(t *testing.T) {
	requireRoot(t)
	cfg := config(t, []string{layer(t)}, "write", "/new-file", "x")
	cfg.ReadWriteRoot = true
	if code, _, errOut, err := runBox(t, cfg); err != nil || code != 0 {
		t.Errorf("write /new-file with a writable root: exit %d, err %v, stderr %q", code, err, errOut)
	}
}

// TestLayers: the upper layer's files are seen above the lower's, and a
// read-only bind is read-only.
func TestLayers(t *testing.T) {
	requireRoot(t)
	upper := filepath.Join(t.TempDir(), "l2")
	if err := os.MkdirAll(filepath.Join(upper, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(upper, "data", "x"), []byte("from l2"), 0o644); err != nil {
		t.Fatal(err)
	}
	host := t.TempDir()
	cfg := config(t, []string{layer(t), upper}, "attack", "read", "/data/x")
	cfg.Binds = []Bind{{Source: host, Target: "/mnt/ro", ReadOnly: true}}
	if _, out, _, err := runBox(t, cfg); err != nil || !strings.Contains(out, "from l2") {
		t.Errorf("reading /data/x of the upper layer: %q, %v", out, err)
	}
	cfg = config(t, []string{layer(t), upper}, "write", "/mnt/ro/f", "x")
	cfg.Binds = []Bind{{Source: host, Target: "/mnt/ro", ReadOnly: true}}
	if code, _, _, err := runBox(t, cfg); err != nil || code == 0 {
		t.Errorf("writing into a read-only bind: exit %d, %v; want a failure", code, err)
	}
}

// TestHostNetwork: with the host's network and its /etc/hosts bound (a
// file bind), the tool reads the host's file.
func TestHostNetwork(t *testing.T) {
	requireRoot(t)
	want, err := os.ReadFile("/etc/hosts")
	if err != nil {
		t.Skipf("no /etc/hosts here: %v", err)
	}
	cfg := config(t, []string{layer(t)}, "attack", "read", "/etc/hosts")
	cfg.HostNetwork = true
	cfg.Binds = []Bind{{Source: "/etc/hosts", Target: "/etc/hosts", ReadOnly: true, File: true}}
	_, out, errOut, err := runBox(t, cfg)
	if err != nil || !strings.Contains(strings.ReplaceAll(out, `\n`, "\n"), strings.TrimSpace(string(want))) {
		t.Errorf("/etc/hosts in the sandbox: %q, %v (stderr %q); want the host's %q", out, err, errOut, want)
	}
}

// TestProcMasked: what Docker hides of /proc reads as empty.
func TestProcMasked(t *testing.T) {
	requireRoot(t)
	if b, err := os.ReadFile("/proc/timer_list"); err != nil || len(b) == 0 {
		t.Skip("this kernel has no readable /proc/timer_list to hide")
	}
	cfg := config(t, []string{layer(t)}, "attack", "read", "/proc/timer_list")
	_, out, errOut, err := runBox(t, cfg)
	if err != nil || !strings.Contains(out, `/proc/timer_list: ""`) {
		t.Errorf("reading /proc/timer_list in the sandbox: %q, %v (stderr %q); want it empty", out, err, errOut)
	}
}

//go:build linux

package main

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// These tests run the sshell binary (the test binary under that name) as a
// process: the manifest directory comes from XDG_CONFIG_HOME, which the
// xdg package reads once per process.

// verbResult is one sshell process's exit code and output.
type verbResult struct {
	code        int
	stdout, err string
}

// sshellWith runs sshell args with manifests (file name: TOML) in its own
// manifest directory and env added to sshellCmd's clean environment.
func sshellWith(t *testing.T, bin string, manifests map[string]string, env []string, args ...string) verbResult {
	t.Helper()
	cmd := sshellCmd(t, bin, args...)
	dir := filepath.Join(cmd.Dir, ".config", "sshell", "manifests")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range manifests {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd.Env = append(cmd.Env, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	_ = cmd.Run()
	if cmd.ProcessState == nil {
		t.Fatalf("sshell %q did not run", args)
	}
	return verbResult{cmd.ProcessState.ExitCode(), out.String(), errb.String()}
}

// qqManifest provides qqtool from an image on a registry nothing serves:
// enough for every decision that needs no run.
var qqManifest = map[string]string{"qq.toml": "[tools.qqtool]\nimage = \"127.0.0.1:1/sshell-e2e/none:latest\"\n"}

// countingDocker is a DOCKER_HOST whose socket counts the connections made.
func countingDocker(t *testing.T) (host string, dialled func() int32) {
	t.Helper()
	sock := filepath.Join(openDir(t), "docker.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skip("no unix sockets here: ", err)
	}
	t.Cleanup(func() { l.Close() })
	var n atomic.Int32
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			n.Add(1)
			c.Close()
		}
	}()
	return "DOCKER_HOST=unix://" + sock, n.Load
}

// --known answers 0 or 1 and prints nothing, whatever the configuration.
func TestHookKnown(t *testing.T) {
	bin := sshellBin(t)
	host, dialled := countingDocker(t)
	tests := []struct {
		name string
		env  []string
		code int
	}{
		{"qqtool", nil, 0},
		{"nosuch", nil, 1},
		{"qqtool", []string{"SSHELL_HOOK=off"}, 1},
		{"qqtool", []string{"SSHELL_HOOK=Off"}, 0}, // only "off" is off
		{"qqtool", []string{"SSHELL_HOOK_SKIP=a\tqqtool\nb"}, 1},
		{"qqtool", []string{"SSHELL_HOOK_SKIP=qqtoo qqtool2"}, 0},
		{"qqtool", []string{"SSHELL_HOOK_DEPTH=1"}, 0},
		{"./qqtool", nil, 1},
		{"/usr/bin/qqtool", nil, 1},
	}
	for _, tc := range tests {
		r := sshellWith(t, bin, qqManifest, append([]string{host}, tc.env...), "hook", "--known", tc.name)
		if r.code != tc.code || r.stdout != "" || r.err != "" {
			t.Errorf("%q sshell hook --known %s = %+v; want %d, silent", tc.env, tc.name, r, tc.code)
		}
	}
	if n := dialled(); n != 0 {
		t.Errorf("--known dialled the Docker endpoint %d time(s)", n)
	}
}

// The run form for a command nothing provides prints the shell's own line,
// exactly, and exits 127 without contacting Docker.
func TestHookRunUnknown(t *testing.T) {
	bin := sshellBin(t)
	host, dialled := countingDocker(t)
	lines := map[string]string{
		"bash": "bash: nosuch: command not found\n",
		"zsh":  "zsh: command not found: nosuch\n",
		"fish": "fish: Unknown command: nosuch\n",
		"":     "sshell: nosuch: command not found\n",
	}
	for shell, want := range lines {
		args := []string{"hook", "--", "nosuch", "a"}
		if shell != "" {
			args = []string{"hook", "--shell", shell, "--", "nosuch", "a"}
		}
		r := sshellWith(t, bin, qqManifest, []string{host}, args...)
		if r.code != 127 || r.stdout != "" || r.err != want {
			t.Errorf("sshell %q = %+v; want 127 and stderr %q", args, r, want)
		}
	}
	// Off and skipped commands are not known to the run form either.
	for _, env := range []string{"SSHELL_HOOK=off", "SSHELL_HOOK_SKIP=qqtool"} {
		r := sshellWith(t, bin, qqManifest, []string{host, env}, "hook", "--shell", "bash", "--", "qqtool")
		if r.code != 127 || r.err != "bash: qqtool: command not found\n" {
			t.Errorf("%s sshell hook --shell bash -- qqtool = %+v; want 127 and bash's line", env, r)
		}
	}
	if n := dialled(); n != 0 {
		t.Errorf("the run form for unknown commands dialled the Docker endpoint %d time(s)", n)
	}
}

// The run form for a known command runs it like `sshell run`: here the
// daemon is unreachable, so it says so, once, and exits 125.
func TestHookRunKnownReachesDocker(t *testing.T) {
	host, dialled := countingDocker(t)
	r := sshellWith(t, sshellBin(t), qqManifest, []string{host}, "hook", "--shell", "bash", "--", "qqtool", "exit", "0")
	if r.code != 125 || dialled() == 0 || !bytes.HasPrefix([]byte(r.err), []byte("sshell: ")) || bytes.Count([]byte(r.err), []byte("\n")) != 1 {
		t.Errorf("sshell hook -- qqtool with a dead daemon = %+v, %d dial(s); want 125, one sshell line, a dial", r, dialled())
	}
}

// A hook call from inside a command sshell runs is refused: 126, one line,
// in both forms, before anything else is looked at.
func TestHookRecursion(t *testing.T) {
	bin := sshellBin(t)
	host, dialled := countingDocker(t)
	want := "sshell: SSHELL_HOOK_DEPTH=\"2\": command-not-found hook called from within a command sshell runs: " +
		"a tool handed off back into the hook; set SSHELL_HOOK=off in that tool's environment\n"
	for _, args := range [][]string{
		{"hook", "--known", "qqtool"},
		{"hook", "--known", "nosuch"},
		{"hook", "--", "qqtool"},
		{"hook", "--shell", "zsh", "--", "nosuch"},
	} {
		r := sshellWith(t, bin, qqManifest, []string{host, "SSHELL_HOOK_DEPTH=2"}, args...)
		if r.code != 126 || r.stdout != "" || r.err != want {
			t.Errorf("SSHELL_HOOK_DEPTH=2 sshell %q = %+v; want 126 and %q", args, r, want)
		}
	}
	for _, depth := range []string{"3", "x; rm -rf /", " 1"} {
		r := sshellWith(t, bin, qqManifest, []string{host, "SSHELL_HOOK_DEPTH=" + depth}, "hook", "--known", "qqtool")
		if r.code != 126 {
			t.Errorf("SSHELL_HOOK_DEPTH=%q sshell hook --known qqtool = %+v; want 126", depth, r)
		}
	}
	if n := dialled(); n != 0 {
		t.Errorf("a refused hook call dialled the Docker endpoint %d time(s)", n)
	}
}

// A bad hook command line is a usage error: 2 and one line.
func TestHookUsage(t *testing.T) {
	bin := sshellBin(t)
	for _, args := range [][]string{
		{"hook"},
		{"hook", "--known"},
		{"hook", "--known", ""},
		{"hook", "--known", "a", "b"},
		{"hook", "qqtool"},
		{"hook", "--"},
		{"hook", "--", ""},
		{"hook", "--shell", "tcsh", "--", "qqtool"},
		{"hook", "--shell", "bash", "qqtool"},
	} {
		r := sshellWith(t, bin, qqManifest, nil, args...)
		if r.code != 2 || r.stdout != "" || bytes.Count([]byte(r.err), []byte("\n")) != 1 {
			t.Errorf("sshell %q = %+v; want 2 and one line on stderr", args, r)
		}
	}
	if r := sshellWith(t, bin, nil, nil, "hook", "--help"); r.code != 0 || r.stdout == "" || r.err != "" {
		t.Errorf("sshell hook --help = %+v; want 0 and the help", r)
	}
}

// A tool's own arguments after `--` are the tool's, even --known and --.
func TestHookArgsAfterDashDash(t *testing.T) {
	bin := sshellBin(t)
	r := sshellWith(t, bin, qqManifest, nil, "hook", "--shell", "bash", "--", "--known", "qqtool")
	if r.code != 127 || r.err != "bash: --known: command not found\n" {
		t.Errorf("sshell hook --shell bash -- --known qqtool = %+v; want 127, --known taken as the name", r)
	}
}

// A malformed manifest (docs/shell-integration.md): for a name no valid
// manifest provides, --known warns in one line naming file:line and exits 1,
// so the shell's own "command not found" (or a chained handler) follows; a
// name a valid manifest provides is unaffected.
func TestHookKnownBrokenManifest(t *testing.T) {
	bin := sshellBin(t)
	manifests := map[string]string{"qq.toml": qqManifest["qq.toml"], "zz-broken.toml": "[tools.broken]\nimage = 42\n"}
	if r := sshellWith(t, bin, manifests, nil, "hook", "--known", "qqtool"); r.code != 0 || r.err != "" {
		t.Errorf("--known qqtool beside a broken manifest = %+v; want 0, silent", r)
	}
	for _, name := range []string{"broken", "nosuch"} {
		r := sshellWith(t, bin, manifests, nil, "hook", "--known", name)
		if r.code != 1 || r.stdout != "" || bytes.Count([]byte(r.err), []byte("\n")) != 1 ||
			!bytes.Contains([]byte(r.err), []byte("sshell: warning: ")) || !bytes.Contains([]byte(r.err), []byte("zz-broken.toml:2")) {
			t.Errorf("--known %s = %+v; want 1 and one warning line naming zz-broken.toml:2", name, r)
		}
	}
	r := sshellWith(t, bin, manifests, nil, "hook", "--shell", "bash", "--", "nosuch")
	if lines := strings.Split(strings.TrimSuffix(r.err, "\n"), "\n"); r.code != 127 || len(lines) != 2 ||
		!strings.Contains(lines[0], "zz-broken.toml:2") || lines[1] != "bash: nosuch: command not found" {
		t.Errorf("hook -- nosuch beside a broken manifest = %+v; want 127, a warning, then bash's own line", r)
	}
	if r := sshellWith(t, bin, manifests, []string{"SSHELL_HOOK=off"}, "hook", "--known", "broken"); r.code != 1 || r.err != "" {
		t.Errorf("SSHELL_HOOK=off --known broken = %+v; want 1, silent (off means no sshell at all)", r)
	}
}

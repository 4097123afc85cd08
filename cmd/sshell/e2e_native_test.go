//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run/native"
)

// nativeCmd is sshellCmd on the native runtime, with the image in a
// loopback registry; it skips where native cannot run.
func nativeCmd(t *testing.T, bin string, args ...string) *exec.Cmd {
	t.Helper()
	if err := native.Available(); err != nil {
		t.Skipf("the native runtime cannot run here: %v", err)
	}
	cmd := sshellCmd(t, bin, args...)
	cmd.Env = append(cmd.Env, "SSHELL_RUNTIME=native", "XDG_DATA_HOME="+filepath.Join(cmd.Dir, ".local", "share"),
		"XDG_STATE_HOME="+filepath.Join(cmd.Dir, ".local", "state"), "XDG_CACHE_HOME="+filepath.Join(cmd.Dir, ".cache"))
	return cmd
}

// TestNativeThroughTheCLI: a manifest's tool on the native runtime, as the
// user types it: stdin to stdout byte for byte, the exit code passed
// through, files in the current directory, the bounds' lines and codes,
// and the call recorded with its runtime.
func TestNativeThroughTheCLI(t *testing.T) {
	ref := testimage.Push(t, testimage.StartRegistry(t), "sshell-e2e/native")
	bin := sshellBin(t)
	for _, c := range []struct {
		name, stdin string
		args        []string
		code        int
		stdout      string
		stderr      string
	}{
		{"pipe", "a\x00b\n", []string{"cat"}, 0, "a\x00b\n", ""},
		{"exit code", "", []string{"exit", "42"}, 42, "", ""},
		{"memory", "", []string{"--memory", "32m", "tool", "attack", "memory"}, 137, "",
			"sshell: tool stopped: memory limit 32MiB reached (raise it with --memory or [tools.tool.limits])\n"},
		{"timeout", "", []string{"--timeout", "1s", "tool", "sleep", "600"}, 124, "",
			"sshell: tool stopped: timeout 1s reached (raise it with --timeout or [tools.tool.limits])\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"run", "tool"}, c.args...)
			if strings.HasPrefix(c.args[0], "--") { // flags come before COMMAND
				args = append([]string{"run"}, c.args...)
			}
			cmd := nativeCmd(t, bin, args...)
			writeManifest(t, cmd.Dir, "[tools.tool]\nimage = \""+ref+"\"\n")
			cmd.Stdin = strings.NewReader(c.stdin)
			var out, errOut strings.Builder
			cmd.Stdout, cmd.Stderr = &out, &errOut
			cmd.Run()
			if code := cmd.ProcessState.ExitCode(); code != c.code || out.String() != c.stdout || errOut.String() != c.stderr {
				t.Errorf("sshell %q on native: exit %d, stdout %q, stderr %q; want %d, %q, %q",
					args, code, out.String(), errOut.String(), c.code, c.stdout, c.stderr)
			}
			log, err := os.ReadFile(filepath.Join(cmd.Dir, ".local", "state", "sshell", "calls.jsonl"))
			if err != nil || !strings.Contains(string(log), `"runtime":"native"`) {
				t.Errorf("the call log %q (%v) does not record the native runtime", log, err)
			}
		})
	}
}

// TestNativeRefusesClearly: asked for native where it cannot run (an
// unprivileged user, no delegated cgroup here), sshell says why in one line
// and exits 125.
func TestNativeRefusesClearly(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("switching to another user needs root")
	}
	bin := sshellBin(t)
	cmd := sshellCmd(t, bin, "run", "--runtime", "native", "--image", "127.0.0.1:1/none", "--", "x")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	cmd.Env = append(cmd.Env, "XDG_DATA_HOME="+filepath.Join(cmd.Dir, "d"), "XDG_STATE_HOME="+filepath.Join(cmd.Dir, "s"))
	if err := os.Chown(cmd.Dir, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	out, _ := cmd.CombinedOutput()
	line := string(out)
	if code := cmd.ProcessState.ExitCode(); code != exitFailure || !strings.HasPrefix(line, "sshell: ") ||
		strings.Count(line, "\n") != 1 || !strings.Contains(line, "native") {
		t.Errorf("native as uid 65534: exit %d, output %q; want 125 and one line naming the native runtime", code, line)
	}
}

// writeManifest writes the user's manifest file under home.
func writeManifest(t *testing.T, home, text string) {
	t.Helper()
	dir := filepath.Join(home, ".config", "sshell", "manifests")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tools.toml"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestNativeThroughAMirror: with [mirrors] in the config file, the native
// store pulls an image whose own registry is down from its mirror.
func TestNativeThroughAMirror(t *testing.T) {
	mirror := testimage.StartRegistry(t)
	onMirror := testimage.Push(t, mirror, "team/tool")
	origin := testimage.DeadRegistry(t)
	ref := origin + "/team/tool:latest"
	bin := sshellBin(t)
	cmd := nativeCmd(t, bin, "run", "--image", ref, "--", "echo-split", "via", "mirror")
	if err := os.MkdirAll(filepath.Join(cmd.Dir, ".config", "sshell"), 0o755); err != nil {
		t.Fatal(err)
	}
	config := "[mirrors]\n\"" + origin + "\" = [\"" + mirror.Host() + "\"]\n"
	if err := os.WriteFile(filepath.Join(cmd.Dir, ".config", "sshell", "config.toml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := cmd.CombinedOutput()
	if err != nil || string(out) != "viamirror" {
		t.Errorf("sshell run %s with the mirror %s (holding %s): %v, output %q", ref, mirror.Host(), onMirror, err, out)
	}
}

// TestAutoSendsBridgeToDocker: on auto, a manifest tool with network =
// "bridge" runs on Docker even where native works, and its call record says
// so; one without a network runs on native.
func TestAutoSendsBridgeToDocker(t *testing.T) {
	ref := e2eImage(t, "sshell-e2e/auto-bridge")
	bin := sshellBin(t)
	for _, c := range []struct{ network, want string }{{"bridge", runtimeDocker}, {"none", runtimeNative}} {
		cmd := nativeCmd(t, bin, "run", "tool", "echo-split", "ok", "")
		cmd.Env = append(cmd.Env, "SSHELL_RUNTIME=auto")
		writeManifest(t, cmd.Dir, "[tools.tool]\nimage = \""+ref+"\"\nnetwork = \""+c.network+"\"\n")
		if out, err := cmd.CombinedOutput(); err != nil || string(out) != "ok" {
			t.Fatalf("network %s on auto: %v, %q", c.network, err, out)
		}
		log, err := os.ReadFile(filepath.Join(cmd.Dir, ".local", "state", "sshell", "calls.jsonl"))
		if err != nil || !strings.Contains(string(log), `"runtime":"`+c.want+`"`) {
			t.Errorf("network %s on auto: call log %q (%v); want runtime %s", c.network, log, err, c.want)
		}
	}
}

//go:build linux

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// sshellRun runs `sshell run --image ref ARGS...` and returns its exit
// code, stdout and stderr.
func sshellRun(t *testing.T, bin, ref string, args ...string) (int, string, string) {
	t.Helper()
	cmd := sshellCmd(t, bin, append([]string{"run", "--image", ref}, args...)...)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("sshell run %q: %v", args, err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errOut.String()
}

// TestBoundStopsTool: a tool stopped by its memory limit or its timeout
// gets one clear line and the documented exit code.
func TestBoundStopsTool(t *testing.T) {
	ref, bin := e2eImage(t, "sshell-e2e/bounds"), sshellBin(t)
	for _, c := range []struct {
		args []string
		code int
		line string
	}{
		{[]string{"--memory", "32m", "--", "attack", "memory"}, 137,
			"sshell: bounds stopped: memory limit 32MiB reached (raise it with --memory)\n"},
		{[]string{"--timeout", "1s", "--", "sleep", "600"}, 124,
			"sshell: bounds stopped: timeout 1s reached (raise it with --timeout)\n"},
	} {
		code, out, errOut := sshellRun(t, bin, ref, c.args...)
		if code != c.code || errOut != c.line || out != "" {
			t.Errorf("sshell run %q: exit %d, stdout %q, stderr %q; want %d and %q", c.args, code, out, errOut, c.code, c.line)
		}
	}
}

// TestManifestLimits: a manifest's limits bound the tool, and the line
// says where to raise them.
func TestManifestLimits(t *testing.T) {
	ref, bin := e2eImage(t, "sshell-e2e/manifest-limits"), sshellBin(t)
	cmd := sshellCmd(t, bin, "run", "hog", "attack", "memory")
	dir := filepath.Join(cmd.Dir, ".config", "sshell", "manifests")
	manifest := "[tools.hog]\nimage = \"" + ref + "\"\nlimits = { memory = \"32m\" }\n"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "hog.toml"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	var errOut strings.Builder
	cmd.Stderr = &errOut
	cmd.Run()
	line := "sshell: hog stopped: memory limit 32MiB reached (raise it with --memory or [tools.hog.limits])\n"
	if code := cmd.ProcessState.ExitCode(); code != 137 || errOut.String() != line {
		t.Errorf("exit %d, stderr %q; want 137, %q", code, errOut.String(), line)
	}
}

// TestIsolationFlags: the defaults hold through sshell, and the flags lift
// exactly what they name.
func TestIsolationFlags(t *testing.T) {
	ref, bin := e2eImage(t, "sshell-e2e/isolation"), sshellBin(t)
	data := openDir(t)
	if err := os.WriteFile(filepath.Join(data, "f"), []byte("shared"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"attack", "write-root"}, 0, "blocked: the image root is read-only (EROFS)\n"},
		{[]string{"write", "/tmp/x", "ok"}, 0, ""},
		{[]string{"write", "here.txt", "ok"}, 0, ""},
		{[]string{"--read-write-root", "--", "write", "/pwned", "ok"}, 0, ""},
		{[]string{"attack", "raw-socket"}, 0, "blocked: raw ICMP socket: operation not permitted\n"},
		{[]string{"--cap-add", "NET_RAW", "--", "attack", "raw-socket"}, 1, "ESCAPED: raw ICMP socket succeeded\n"},
		{[]string{"attack", "read", "/data/f"}, 0, `blocked: none of ["/data/f"] readable` + "\n"},
		{[]string{"--mount", data + ":/data:ro", "--", "attack", "read", "/data/f"}, 1, `ESCAPED: read /data/f: "shared"` + "\n"},
		{[]string{"--mount", data + ":/data:ro", "--", "write", "/data/g", "no"}, 3, ""},
	} {
		code, out, errOut := sshellRun(t, bin, ref, c.args...)
		if code != c.code || out != c.out {
			t.Errorf("sshell run %q: exit %d, stdout %q (stderr %q); want %d, %q", c.args, code, out, errOut, c.code, c.out)
		}
	}
}

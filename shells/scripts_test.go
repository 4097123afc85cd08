package shells

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// scriptRun is one non-interactive run of a script that loads the hook (or,
// for the control run, a no-op line in its place, so line numbers match).
type scriptRun struct{ stdout, stderr string }

func runScript(t *testing.T, sp spec, f fake, load bool, env ...string) scriptRun {
	t.Helper()
	dir := t.TempDir()
	first := ": no hook"
	if load {
		first = fmt.Sprintf("source '%s'", hookFile(t, sp.name, Options{Bin: f.Bin, Commands: []string{tool}}))
	}
	status := map[bool]string{true: "$status", false: "$?"}[sp.name == "fish"]
	if sp.name == "fish" && !load {
		first = "true no hook"
	}
	body := strings.Join([]string{first, tool + " a", "echo st=" + status, unknown + " b", "echo st=" + status, ""}, "\n")
	if err := os.WriteFile(filepath.Join(dir, "script"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"script"}
	if sp.name == "fish" {
		args = []string{"--no-config", "script"}
	}
	cmd := exec.Command(sp.name, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"HOME=" + dir, "PATH=/usr/bin:/bin", "XDG_DATA_HOME=" + dir}, f.env(append([]string{"FAKE_KNOWN=" + tool}, env...)...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Run()
	return scriptRun{out.String(), errb.String()}
}

func TestScriptsLeftAloneByDefault(t *testing.T) {
	forEachShell(t, func(t *testing.T, sp spec) {
		f := newFake(t)
		control, hooked := runScript(t, sp, f, false), runScript(t, sp, f, true)
		if hooked != control {
			t.Errorf("a script that loads the hook behaves differently:\n got %+v\nwant %+v", hooked, control)
		}
		wantCalls(t, f)
	})
}

func TestScriptsWithSSHELL_HOOK_SCRIPTS(t *testing.T) {
	forEachShell(t, func(t *testing.T, sp spec) {
		f := newFake(t)
		control := runScript(t, sp, f, false)
		hooked := runScript(t, sp, f, true, "SSHELL_HOOK_SCRIPTS=1")
		want := "stdin=\nran hook --shell " + sp.name + " -- " + tool + " a\nst=42\nst=127\n"
		if hooked.stdout != want {
			t.Errorf("stdout %q; want %q", hooked.stdout, want)
		}
		// The unknown command's diagnostics are the shell's own, byte for byte.
		if _, nosuch, ok := strings.Cut(control.stderr, unknown); !ok || !strings.HasSuffix(hooked.stderr, nosuch) ||
			len(hooked.stderr) >= len(control.stderr) {
			t.Errorf("stderr %q; want the end of the shell's own %q", hooked.stderr, control.stderr)
		}
	})
}

var fishExcerpt = regexp.MustCompile(`(?m)^script \(line \d+\): \n.*\n\s*\^~*\^\n`)

func TestScriptsSkipListAnyWhitespace(t *testing.T) {
	forEachShell(t, func(t *testing.T, sp spec) {
		f := newFake(t)
		control := runScript(t, sp, f, false)
		hooked := runScript(t, sp, f, true, "SSHELL_HOOK_SCRIPTS=1", "SSHELL_HOOK_SKIP=a\t"+tool+"\nb")
		if sp.name == "fish" {
			// A skipped fish wrapper prints fish's not-found line and returns
			// 127, but cannot make fish add its source excerpt (documented).
			control.stderr = fishExcerpt.ReplaceAllString(control.stderr, "")
			hooked.stderr = fishExcerpt.ReplaceAllString(hooked.stderr, "")
		}
		if hooked != control {
			t.Errorf("a skipped command is not left to the shell:\n got %+v\nwant %+v", hooked, control)
		}
		wantCalls(t, f, fmt.Sprintf(knownCall, unknown))
	})
}

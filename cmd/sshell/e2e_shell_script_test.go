//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// scriptResult is what a non-interactive shell printed.
type scriptResult struct{ stdout, stderr string }

// startupFile writes the file a non-interactive shell of kind k reads
// before a script, holding body, and returns the environment that makes it
// read it: bash's BASH_ENV, zsh's $ZDOTDIR/.zshenv, fish's config.fish.
func startupFile(t *testing.T, w *shellWorld, k shellKind, body string) []string {
	t.Helper()
	switch k.name {
	case "bash":
		return []string{"BASH_ENV=" + w.write(t, w.home, ".bashenv-e2e", body, 0o644)}
	case "zsh":
		dir := filepath.Join(w.home, ".zdot")
		w.write(t, dir, ".zshenv", body, 0o644)
		return []string{"ZDOTDIR=" + dir}
	}
	w.write(t, filepath.Join(w.home, ".config", "fish"), "config.fish", body, 0o644)
	return nil
}

// runScript runs `SHELL script` (script holding body) in w's home, with
// no terminal, after writing the startup file with startup.
func runScript(t *testing.T, w *shellWorld, k shellKind, startup, body string, env ...string) scriptResult {
	t.Helper()
	w.write(t, w.home, "script", body, 0o644)
	cmd := exec.Command(k.name, "script")
	cmd.Dir = w.home
	cmd.Env = append(append(append([]string{}, w.env...), startupFile(t, w, k, startup)...), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s script: %v\nstdout:\n%s\nstderr:\n%s", k.name, err, out.String(), errb.String())
	}
	return scriptResult{out.String(), errb.String()}
}

// 9. Scripts: the shell's own not-found behaviour, byte for byte, unless
// SSHELL_HOOK_SCRIPTS=1 (in the environment, or set in the script before
// it loads the hook as docs/shell-integration.md shows).
func shellScripts(t *testing.T, fx *shellFixture, k shellKind) {
	w := fx.world(t)
	body := fmt.Sprintf("%s exit 5\necho \"st=%s\"\n%s x\necho \"st=%s\"\n", e2eTool, k.status, e2eUnknown, k.status)
	control := runScript(t, w, k, "", body)
	if control.stdout != "st=127\nst=127\n" {
		t.Fatalf("without the hook: stdout %q; is %s or %s installed here?", control.stdout, e2eTool, e2eUnknown)
	}
	if got := runScript(t, w, k, k.initLine(), body); got != control {
		t.Errorf("a script that loads the hook behaves differently:\n got %+v\nwant %+v", got, control)
	}
	got := runScript(t, w, k, k.initLine(), body, "SSHELL_HOOK_SCRIPTS=1")
	if got.stdout != "st=5\nst=127\n" {
		t.Errorf("with SSHELL_HOOK_SCRIPTS=1: stdout %q, want %q (stderr %q)", got.stdout, "st=5\nst=127\n", got.stderr)
	}
	if want := fromLineWith(control.stderr, e2eUnknown); got.stderr != want {
		t.Errorf("with SSHELL_HOOK_SCRIPTS=1: stderr %q, want the shell's own %q", got.stderr, want)
	}
	set := "SSHELL_HOOK_SCRIPTS=1\n"
	if k.name == "fish" {
		set = "set SSHELL_HOOK_SCRIPTS 1\n"
	}
	inScript := set + k.initLine() + fmt.Sprintf("%s exit 6\necho \"st=%s\"\n", e2eTool, k.status)
	if got := runScript(t, w, k, "", inScript); got.stdout != "st=6\n" || got.stderr != "" {
		t.Errorf("loading the hook in the script: %+v, want stdout %q and no stderr", got, "st=6\n")
	}
}

// fromLineWith is text from the start of the first line containing s.
func fromLineWith(text, s string) string {
	i := strings.Index(text, s)
	if i < 0 {
		return ""
	}
	return text[strings.LastIndex(text[:i], "\n")+1:]
}

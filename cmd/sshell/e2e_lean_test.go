//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/sshell/sshell/internal/testimage"
)

// TestLeanBuild: the lean build (-tags lean), installed as sshell beside
// the full one (sshell-full), serves a native run of a cached image and a
// ready sandbox's call itself (they work with sshell-full gone), hands the
// full build a run that needs a pull and the verbs it leaves to it, each
// call recorded once, and says so in one line when sshell-full is not
// there.
func TestLeanBuild(t *testing.T) {
	if why := readyUnsupported(); why != "" {
		t.Skip(why)
	}
	bins := openDir(t)
	lean := buildSshellAs(t, filepath.Join(bins, "sshell"), "lean")
	full := buildSshellAs(t, filepath.Join(bins, fullName), "")
	u := &readyUser{t: t, bin: lean, home: openDir(t), idle: "off"}
	ref := testimage.Push(t, testimage.StartRegistry(t), "sshell-e2e/lean")
	writeManifest(t, u.home, "[tools.rdy]\nimage = \""+ref+"\"\n")
	pwd := readyCall{dir: u.home, args: []string{"pwd"}, stdout: u.home + "\n"}

	u.call(pwd, false) // the image is not in the store yet: the full build pulls it and runs the call
	away := full + ".away"
	move(t, full, away) // from here on, only the lean build can serve
	u.call(pwd, false)
	u.call(readyCall{dir: u.home, stdin: "a\x00b\n", args: []string{"cat"}, stdout: "a\x00b\n"}, false)
	u.call(readyCall{dir: u.home, args: []string{"exit", "42"}, code: 42}, false)
	if _, errOut, code := u.try("cache", "ls"); code == 0 || !strings.Contains(errOut, fullName) || strings.Count(errOut, "\n") != 1 {
		t.Errorf("cache ls without %s: exit %d, stderr %q; want one line naming it", fullName, code, errOut)
	}

	u.idle = "10m" // a cold call starts a keeper (the lean build), the next call runs ready
	u.call(pwd, false)
	keeper, dir := u.keeper(0)
	waitReadySocket(t, dir)
	u.call(pwd, true)
	if n := calls(t, u.home); n != 6 {
		t.Errorf("%d calls recorded, want 6: each once, also the one the full build ran", n)
	}

	move(t, away, full)
	if out, errOut, code := u.try("cache", "ls"); code != 0 || !strings.Contains(out, "sshell-e2e/lean") {
		t.Errorf("cache ls, through %s: exit %d\n%s%s", fullName, code, out, errOut)
	}
	u.purge(keeper) // a verb of the full build's, which stops the lean build's keeper
}

// buildSshellAs builds sshell at path, with the build tags tags.
func buildSshellAs(t *testing.T, path, tags string) string {
	t.Helper()
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if p, err := exec.LookPath("go"); err == nil {
		gobin = p
	}
	cmd := exec.Command(gobin, "build", "-tags", tags, "-o", path, "github.com/sshell/sshell/cmd/sshell")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building %s (tags %q): %v\n%s", path, tags, err, out)
	}
	return path
}

func move(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

// calls counts the calls recorded in home's state.
func calls(t *testing.T, home string) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(home, ".local", "state", "sshell", "calls.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(b, []byte("\n"))
}

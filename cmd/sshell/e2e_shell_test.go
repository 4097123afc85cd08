//go:build linux

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sshell/sshell/shells"
)

// shellScenario is one behaviour, checked in each shell.
type shellScenario struct {
	name string
	run  func(t *testing.T, fx *shellFixture, k shellKind)
}

var shellScenarios = []shellScenario{
	{"unknown", shellUnknown},
	{"known", shellKnown},
	{"redirections", shellRedirections},
	{"interrupt", shellInterrupt},
	{"terminal", shellTerminal},
	{"ttysize-at-start", shellTTYSizeAtStart},
	{"chained", shellChained},
	{"missing-binary", shellMissingBinary},
	{"recursion", shellRecursion},
	{"off-and-skip", shellOffAndSkip},
	{"manifest-changes", shellManifestChanges},
	{"daemon-down", shellDaemonDown},
	{"scripts", shellScripts},
}

// TestShellHook runs every scenario in bash, zsh and fish (the shells in
// parallel, the scenarios of one shell in turn), then checks that no
// container of the test's image is left.
func TestShellHook(t *testing.T) {
	fx := newShellFixture(t)
	t.Run("shells", func(t *testing.T) {
		for _, k := range shellKinds {
			t.Run(k.name, func(t *testing.T) {
				if _, err := exec.LookPath(k.name); err != nil {
					t.Skipf("%s is not installed", k.name)
				}
				t.Parallel()
				for _, sc := range shellScenarios {
					t.Run(sc.name, func(t *testing.T) { sc.run(t, fx, k) })
				}
			})
		}
	})
	eventually(t, "no qqtool container of "+fx.ref+" left", func() bool { return leftovers(t, fx.ref) == "" })
}

// 1. A command nothing provides: the shell's own line and 127.
func shellUnknown(t *testing.T, fx *shellFixture, k shellKind) {
	s := k.start(t, fx.world(t), k.initLine())
	if strings.Contains(s.startup, "sshell") {
		t.Errorf("loading the hook printed something:\n%s", s.startup)
	}
	s.wantRun(e2eUnknown+" a b", 127, fmt.Sprintf(k.notFound, e2eUnknown))
}

// 2. A command a manifest provides runs; its status is the tool's.
// Outputs are typed with "" inside ("to""ol") so the echo of the typed
// line never matches them.
func shellKnown(t *testing.T, fx *shellFixture, k shellKind) {
	s := k.start(t, fx.world(t), k.initLine())
	s.wantRun(e2eTool+" exit 42", 42)
	s.wantRun(e2eTool+` echo-split to""ol-out er""r-out`, 0, "tool-out", "err-out")
	s.wantRun(e2eTool+" exit 0", 0)
}

// 3. Pipelines, redirections and command substitution.
func shellRedirections(t *testing.T, fx *shellFixture, k shellKind) {
	w := fx.world(t)
	s := k.start(t, w, k.initLine())
	s.wantRun(`echo hel""lo | `+e2eTool+" cat", 0, "hello")
	out := s.wantRun(e2eTool+` echo-split red""out red""err 2>/dev/null >f; cat f`, 0, "redout")
	if strings.Contains(out, "rederr") {
		t.Errorf("stderr sent to /dev/null reached the screen:\n%s", out)
	}
	if b, err := os.ReadFile(filepath.Join(w.home, "f")); err != nil || string(b) != "redout" {
		t.Errorf("file f: %q, %v; want %q", b, err, "redout")
	}
	s.wantRun(e2eTool+" cat <f", 0, "redout")
	subst, status := `x=$(%s); echo "[$x]"`, `x=$(%s)`
	if k.name == "fish" {
		subst, status = `set x (%s); echo "[$x]"`, `set x (%s)`
	}
	s.wantRun(fmt.Sprintf(subst, e2eTool+` echo-split sub""st ''`), 0, "[subst]")
	s.wantRun(fmt.Sprintf(status, e2eTool+" exit 7"), 7)
}

// 4. Ctrl-C reaches the tool and the prompt returns: on a terminal as the
// byte the tool's own terminal turns into SIGINT; without one (stdout to a
// file) as the SIGINT sshell gets and forwards.
func shellInterrupt(t *testing.T, fx *shellFixture, k shellKind) {
	w := fx.world(t)
	s := k.start(t, w, k.initLine())
	n := s.Type(e2eTool + " wait-signal")
	s.WaitFor(regexp.MustCompile(`ready\n`))
	s.Send("\x03")
	out, st := s.Result(n)
	if st != 130 || !strings.Contains(out, "got SIGINT") {
		t.Errorf("after Ctrl-C: status %d, want 130 and %q; the screen showed:\n%s", st, "got SIGINT", out)
	}
	s.wantRun(`echo af""ter`, 0, "after")

	file := filepath.Join(w.home, "signal.out")
	n = s.Type(e2eTool + " wait-signal >signal.out")
	eventually(t, "ready in "+file, func() bool { b, _ := os.ReadFile(file); return string(b) == "ready\n" })
	s.Send("\x03")
	out, st = s.Result(n)
	if b, _ := os.ReadFile(file); st != 130 || string(b) != "ready\ngot SIGINT\n" {
		t.Errorf("after Ctrl-C without a terminal: status %d, file %q; want 130 and %q; the screen showed:\n%s", st, b, "ready\ngot SIGINT\n", out)
	}
	s.wantRun(`echo af""ter`, 0, "after")
}

// 5. An interactive tool gets a terminal of the pty's size, which follows
// the pty's resizes.
func shellTerminal(t *testing.T, fx *shellFixture, k shellKind) {
	s := k.start(t, fx.world(t), k.initLine())
	s.wantRun(e2eTool+" istty", 0, "stdin=1 stdout=1 stderr=1")
	n := s.Type(e2eTool + " ttysize-watch")
	s.WaitFor(regexp.MustCompile(fmt.Sprintf(`size=%d,%d\n`, e2eRows, e2eCols)))
	s.Resize(e2eRows+4, e2eCols-12)
	s.WaitFor(regexp.MustCompile(fmt.Sprintf(`size=%d,%d\n`, e2eRows+4, e2eCols-12)))
	s.Send("\r") // a line ends ttysize-watch
	if out, st := s.Result(n); st != 0 {
		t.Errorf("ttysize-watch: status %d; the screen showed:\n%s", st, out)
	}
}

// 5b. The size is right from the tool's first look. Daemons before API
// 1.42 ignore the size given at create, so sshell can only resize after the
// start, which races with the tool.
func shellTTYSizeAtStart(t *testing.T, fx *shellFixture, k shellKind) {
	if v := dockerOut(t, "version", "--format", "{{.Server.APIVersion}}"); apiBefore(v, 1, 42) {
		t.Skipf("the daemon's API %s ignores the console size at create (1.42+); the first size a tool reads races with the resize after start", v)
	}
	s := k.start(t, fx.world(t), k.initLine())
	s.wantRun(e2eTool+" ttysize", 0, fmt.Sprintf("%d %d", e2eRows, e2eCols))
}

// apiBefore says whether API version v ("1.41") is before major.minor.
func apiBefore(v string, major, minor int) bool {
	var ma, mi int
	if _, err := fmt.Sscanf(v, "%d.%d", &ma, &mi); err != nil {
		return false
	}
	return ma < major || ma == major && mi < minor
}

// 6. A handler defined before the init line gets the unknown commands,
// once, even with the init line loaded twice and again in the session.
func shellChained(t *testing.T, fx *shellFixture, k shellKind) {
	s := k.start(t, fx.world(t), k.prev+"\n"+k.initLine()+k.initLine())
	prev := "PREV: " + e2eUnknown
	out := s.wantRun(e2eUnknown+" a", k.handlerStatus(3), prev)
	if own := fmt.Sprintf(k.notFound, e2eUnknown); strings.Contains(out, own) {
		t.Errorf("the shell's own line printed beside the previous handler's:\n%s", out)
	}
	if out := s.wantRun(e2eTool+" exit 42", 42); strings.Contains(out, "PREV:") {
		t.Errorf("the previous handler ran for a known command:\n%s", out)
	}
	s.wantRun(strings.TrimSuffix(k.initLine(), "\n"), 0)
	s.wantRun(e2eUnknown, k.handlerStatus(3), prev)
	s.wantRun(e2eTool+" exit 3", 3)
}

// 7a. sshell moved away after the hook was loaded: one line, 127, no loop.
func shellMissingBinary(t *testing.T, fx *shellFixture, k shellKind) {
	w := fx.world(t)
	s := k.start(t, w, k.initLine())
	recorded, err := filepath.EvalSymlinks(w.bin) // what init recorded
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(w.bin, w.bin+".moved"); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{e2eTool + " exit 42", e2eUnknown} {
		s.wantRun(cmd, 127, shells.MissingMessage(recorded))
	}
}

// 7b. A shell started under a hook call (SSHELL_HOOK_DEPTH inherited):
// sshell refuses with one line and 126 instead of running anything.
func shellRecursion(t *testing.T, fx *shellFixture, k shellKind) {
	s := k.start(t, fx.world(t), k.initLine(), "SSHELL_HOOK_DEPTH=1")
	line := hookRecursionLine
	s.wantRun(e2eTool+" exit 42", 126, line)
	s.wantRun(e2eUnknown, k.handlerStatus(126), line)
}

// hookRecursionLine is the heart of sshell's refusal to recurse.
const hookRecursionLine = `sshell: SSHELL_HOOK_DEPTH="2": command-not-found hook called from within a command sshell runs`

// 8. SSHELL_HOOK=off and SSHELL_HOOK_SKIP, read at every call.
func shellOffAndSkip(t *testing.T, fx *shellFixture, k shellKind) {
	w := fx.world(t)
	s := k.start(t, w, k.initLine())
	own := fmt.Sprintf(k.notFound, e2eTool)
	for _, set := range [][2]string{{"SSHELL_HOOK", "off"}, {"SSHELL_HOOK_SKIP", "x " + e2eTool + " y"}} {
		s.wantRun(fmt.Sprintf(k.setenv, set[0], set[1]), 0)
		s.wantRun(e2eTool+" exit 42", 127, own)
		s.wantRun(fmt.Sprintf(k.unsetenv, set[0]), 0)
	}
	s.wantRun(fmt.Sprintf(k.setenv, "SSHELL_HOOK_SKIP", "x"), 0)
	s.wantRun(fmt.Sprintf(k.setenv, "SSHELL_HOOK", "Off"), 0) // only "off" is off
	s.wantRun(e2eTool+" exit 42", 42)
	// Off is decided in the shell: a missing sshell is not even looked for.
	if err := os.Rename(w.bin, w.bin+".moved"); err != nil {
		t.Fatal(err)
	}
	s.wantRun(fmt.Sprintf(k.setenv, "SSHELL_HOOK", "off"), 0)
	if out := s.wantRun(e2eTool+" exit 42", 127, own); strings.Contains(out, "reinstall") {
		t.Errorf("with the hook off the handler looked for sshell:\n%s", out)
	}
}

// Manifests are read at every call: one added after the shell started
// works at once (in fish the first call's status is lost and the handler
// defines the wrapper for the next: documented), one removed leaves the
// shell's own line.
func shellManifestChanges(t *testing.T, fx *shellFixture, k shellKind) {
	w := fx.world(t)
	s := k.start(t, w, k.initLine())
	dir := filepath.Join(w.home, ".config", "sshell", "manifests")
	w.write(t, dir, "late.toml", fmt.Sprintf("[tools.qqlate]\nimage = %q\n", fx.ref), 0o644)
	s.wantRun(`qqlate echo-split ad""ded ''`, k.handlerStatus(0), "added")
	s.wantRun("qqlate exit 42", 42)
	if err := os.Remove(filepath.Join(dir, e2eTool+".toml")); err != nil {
		t.Fatal(err)
	}
	s.wantRun(e2eTool+" exit 42", 127, fmt.Sprintf(k.notFound, e2eTool))
}

// With the daemon unreachable a known command fails with sshell's one line
// and 125; unknown commands are not affected at all.
func shellDaemonDown(t *testing.T, fx *shellFixture, k shellKind) {
	s := k.start(t, fx.world(t), k.initLine(), "DOCKER_HOST=unix:///nonexistent/docker.sock")
	out := s.wantRun(e2eTool+" exit 0", 125, "sshell: cannot reach the Docker daemon at unix:///nonexistent/docker.sock (DOCKER_HOST)")
	if n := strings.Count(out, "sshell:"); n != 1 {
		t.Errorf("%d sshell lines, want one:\n%s", n, out)
	}
	s.wantRun(e2eUnknown, 127, fmt.Sprintf(k.notFound, e2eUnknown))
}

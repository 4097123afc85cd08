//go:build linux

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sshell/sshell/run/native"
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
	eventually(t, "no sshell container of "+fx.ref+" left", func() bool { return leftovers(t, fx.ref) == "" })
}

// TestShellHookNative runs the scenarios that run a tool (status,
// pipelines and redirections, Ctrl-C, a full-screen terminal) with the tool
// on the native runtime, in each shell.
func TestShellHookNative(t *testing.T) {
	if err := native.Available(); err != nil {
		t.Skipf("the native runtime cannot run here: %v", err)
	}
	fx := newShellFixture(t)
	fx.env = []string{"SSHELL_RUNTIME=native"}
	for _, k := range shellKinds {
		t.Run(k.name, func(t *testing.T) {
			if _, err := exec.LookPath(k.name); err != nil {
				t.Skipf("%s is not installed", k.name)
			}
			t.Parallel()
			for _, sc := range []shellScenario{{"known", shellKnown}, {"redirections", shellRedirections},
				{"interrupt", shellInterrupt}, {"terminal", shellTerminal}} {
				t.Run(sc.name, func(t *testing.T) { sc.run(t, fx, k) })
			}
		})
	}
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

//go:build linux

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

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

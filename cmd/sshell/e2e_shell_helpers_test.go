//go:build linux

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/sshell/sshell/internal/testpty"
)

// The shell end-to-end tests run real bash, zsh and fish on a pty, with the
// line from `sshell init SHELL` in their rc files, a freshly built sshell,
// the Docker daemon and a loopback registry. The tool is the testtool image
// (internal/testtool), provided by a manifest as qqtool, a name no host has.
const (
	e2eTool    = "qqtool"
	e2eUnknown = "nosuchqq" // in no manifest, installed nowhere
	e2ePrompt  = "PROMPT> "
	e2eRows    = 37 // the pty's size; ttysize must report it
	e2eCols    = 111
)

var promptRE = regexp.MustCompile(regexp.QuoteMeta(e2ePrompt))

// shellFixture is what all shell tests of one process share: the sshell
// binary built from this package, and one image in one registry.
type shellFixture struct {
	bin string   // the built sshell; each test runs its own copy
	ref string   // the image qqtool's manifest names
	env []string // added to every world's environment, last (they win)
}

func newShellFixture(t *testing.T) *shellFixture {
	t.Helper()
	ref := e2eImage(t, "sshell-e2e/shellhook")
	return &shellFixture{bin: buildSshell(t), ref: ref}
}

// buildSshell builds this package as the static binary users install.
func buildSshell(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "sshell")
	cmd := exec.Command(goCommand(), "build", "-o", out, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building sshell: %v\n%s", err, msg)
	}
	return out
}

func goCommand() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// shellWorld is one test's user: a home, an sshell on PATH, a manifest for
// qqtool, and the environment every shell and script of the test gets.
type shellWorld struct {
	home, bin string
	env       []string
}

func (fx *shellFixture) world(t *testing.T) *shellWorld {
	t.Helper()
	home := t.TempDir()
	w := &shellWorld{home: home, bin: filepath.Join(t.TempDir(), "bin", "sshell")}
	data, err := os.ReadFile(fx.bin)
	if err != nil {
		t.Fatal(err)
	}
	w.write(t, filepath.Dir(w.bin), "sshell", string(data), 0o755)
	w.write(t, filepath.Join(home, ".config", "sshell", "manifests"), e2eTool+".toml",
		fmt.Sprintf("[tools.%s]\nimage = %q\n", e2eTool, fx.ref), 0o644)
	w.env = []string{"HOME=" + home, "PATH=" + filepath.Dir(w.bin) + ":/usr/bin:/bin", "TERM=xterm", "LANG=C.UTF-8",
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"), "XDG_DATA_HOME=" + filepath.Join(home, ".local", "share")}
	w.env = append(w.env, noBackground...)
	for _, k := range dockerEnv {
		if v, ok := os.LookupEnv(k); ok {
			w.env = append(w.env, k+"="+v)
		}
	}
	w.env = append(w.env, fx.env...)
	return w
}

// write creates dir/name with text, and dir with its parents.
func (w *shellWorld) write(t *testing.T, dir, name, text string, mode os.FileMode) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), mode); err != nil {
		t.Fatal(err)
	}
	return p
}

// shellSession is an interactive shell on a pty.
type shellSession struct {
	*testpty.Session
	t       *testing.T
	kind    shellKind
	n       int    // commands typed so far
	startup string // the screen before the first prompt
}

// start runs the shell interactively with an rc file holding body, and
// waits for its first prompt.
func (k shellKind) start(t *testing.T, w *shellWorld, body string, env ...string) *shellSession {
	t.Helper()
	argv, extra := k.rc(t, w, body)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = w.home
	cmd.Env = append(append(append([]string{}, w.env...), extra...), env...)
	s := &shellSession{Session: testpty.Start(t, cmd, e2eRows, e2eCols), t: t, kind: k}
	s.Quit = "exit\r"
	s.startup, _ = s.WaitFor(promptRE)
	return s
}

// Type types line followed by a command that shows its status as
// "[stN=STATUS]", and returns N for Result.
func (s *shellSession) Type(line string) int {
	s.t.Helper()
	s.n++
	s.Send(fmt.Sprintf("%s; echo \"[st%d=%s]\"\r", line, s.n, s.kind.status))
	return s.n
}

// Result waits for the status of command n and the prompt after it; out is
// what the screen showed since the last match (the typed line's echo
// included).
func (s *shellSession) Result(n int) (out string, status int) {
	s.t.Helper()
	out, m := s.WaitFor(regexp.MustCompile(fmt.Sprintf(`\[st%d=(\d+)\]`, n)))
	s.WaitFor(promptRE)
	status, _ = strconv.Atoi(m[1])
	return out, status
}

// Run types line and returns its output and status.
func (s *shellSession) Run(line string) (string, int) {
	s.t.Helper()
	return s.Result(s.Type(line))
}

// wantRun runs line and checks its status and that every text in want
// shows exactly once; it returns the output.
func (s *shellSession) wantRun(line string, status int, want ...string) string {
	s.t.Helper()
	out, st := s.Run(line)
	if st != status {
		s.t.Errorf("%s: `%s`: status %d, want %d; the screen showed:\n%s", s.kind.name, line, st, status, out)
	}
	for _, w := range want {
		if n := strings.Count(out, w); n != 1 {
			s.t.Errorf("%s: `%s`: %q shown %d times, want once; the screen showed:\n%s", s.kind.name, line, w, n, out)
		}
	}
	return out
}

// leftovers lists the containers sshell made from ref (this process's own
// image, whatever command name ran it) that still exist.
func leftovers(t *testing.T, ref string) string {
	t.Helper()
	return dockerOut(t, "ps", "-a", "--format", "{{.ID}} {{.Status}} {{.Labels}}",
		"--filter", "label=io.sshell.managed=true", "--filter", "ancestor="+ref)
}

// Package testpty drives a program through a pseudo-terminal for tests,
// expect-style: Send what a user types, WaitFor what the screen shows. The
// shell integration tests of shells and cmd/sshell share it.
package testpty

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// hangGuard only keeps a broken test from hanging the suite: nothing is
// asserted about time, and every normal wait is far shorter.
const hangGuard = 60 * time.Second

// quitGuard bounds the wait for a program to end after Close typed Quit,
// before it hangs up instead (a test that failed may leave a tool running).
const quitGuard = 10 * time.Second

// Session drives a program through a pseudo-terminal, expect-style: Send
// what a user types, WaitFor what the screen shows. The screen is the
// program's output with terminal control sequences and carriage returns
// removed (see screenText), so that patterns match what a person reads.
type Session struct {
	t    *testing.T
	ptmx *os.File
	cmd  *exec.Cmd
	// Quit is typed when the session closes, before the hang-up: bash 5.2
	// was seen to miss, now and then, a SIGHUP that came while readline
	// waited for input, and to wait on.
	Quit string

	mu   sync.Mutex
	raw  []byte        // everything read from the terminal
	seen int           // how much of the screen text WaitFor has consumed
	eof  bool          // the terminal's other side is closed
	wake chan struct{} // a read happened
}

// Start starts cmd on a new pty of the given size, as its controlling
// terminal, and stops it when the test ends; it skips the test where no pty
// can be had.
func Start(t *testing.T, cmd *exec.Cmd, rows, cols uint16) *Session {
	t.Helper()
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: rows, Cols: cols})
	if err != nil {
		t.Skipf("cannot start %s on a pty here: %v", cmd.Path, err)
	}
	s := &Session{t: t, ptmx: ptmx, cmd: cmd, wake: make(chan struct{}, 1)}
	go s.read(ptmx)
	t.Cleanup(s.Close)
	return s
}

func (s *Session) read(ptmx *os.File) {
	b := make([]byte, 4096)
	for {
		n, err := ptmx.Read(b)
		s.mu.Lock()
		s.raw = append(s.raw, b[:n]...)
		s.eof = err != nil
		s.mu.Unlock()
		select {
		case s.wake <- struct{}{}:
		default:
		}
		if err != nil {
			return
		}
	}
}

// Send types text, as is: "\r" is the Enter key, "\x03" Ctrl-C.
func (s *Session) Send(text string) {
	s.t.Helper()
	if _, err := s.ptmx.Write([]byte(text)); err != nil {
		s.t.Fatalf("typing %q: %v", text, err)
	}
}

// Resize sets the terminal's size (the program gets SIGWINCH).
func (s *Session) Resize(rows, cols uint16) {
	s.t.Helper()
	if err := pty.Setsize(s.ptmx, &pty.Winsize{Rows: rows, Cols: cols}); err != nil {
		s.t.Fatalf("resizing the pty: %v", err)
	}
}

// WaitFor waits until the screen text not yet consumed matches re, consumes
// it up to the end of the match and returns the text before the match and
// the submatches. It fails the test if the program ends first or the hang
// guard runs out.
func (s *Session) WaitFor(re *regexp.Regexp) (before string, match []string) {
	s.t.Helper()
	deadline := time.After(hangGuard)
	for {
		s.mu.Lock()
		text, eof := screenText(s.raw)[s.seen:], s.eof
		if m := re.FindStringSubmatchIndex(text); m != nil {
			s.seen += m[1]
			s.mu.Unlock()
			return text[:m[0]], submatches(text, m)
		}
		s.mu.Unlock()
		if eof {
			s.t.Fatalf("the terminal closed before showing %q; it showed since the last match:\n%s", re, text)
		}
		select {
		case <-s.wake:
		case <-deadline:
			s.t.Fatalf("%q not shown within the hang guard; the screen since the last match:\n%s", re, text)
		}
	}
}

func submatches(text string, m []int) []string {
	out := make([]string, len(m)/2)
	for i := range out {
		if m[2*i] >= 0 {
			out[i] = text[m[2*i]:m[2*i+1]]
		}
	}
	return out
}

// Screen is all the screen text so far.
func (s *Session) Screen() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return screenText(s.raw)
}

// Close ends the program: it types Quit and waits a little, then hangs up
// (SIGHUP, as when a terminal window is closed; closing the master alone
// would wait for the pending read) and waits for the hang guard, then kills
// it and fails the test. The waits only bound a hang. The whole screen is
// logged when the test failed, or always with SSHELL_E2E_SCREEN set. It is
// idempotent.
func (s *Session) Close() {
	s.mu.Lock()
	ptmx := s.ptmx
	s.ptmx = nil
	s.mu.Unlock()
	if ptmx == nil {
		return
	}
	defer ptmx.Close()
	if s.t.Failed() || os.Getenv("SSHELL_E2E_SCREEN") != "" {
		defer func() { s.t.Logf("%s: the whole screen:\n%s", s.cmd.Path, s.Screen()) }()
	}
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	if s.Quit != "" {
		_, _ = ptmx.Write([]byte(s.Quit))
		select {
		case <-done:
			return
		case <-time.After(quitGuard):
		}
	}
	_ = s.cmd.Process.Signal(syscall.SIGHUP)
	select {
	case <-done:
	case <-time.After(hangGuard):
		ps, _ := exec.Command("ps", "-o", "pid,ppid,pgid,stat,wchan:24,args", "-g", strconv.Itoa(s.cmd.Process.Pid)).CombinedOutput()
		s.t.Errorf("%s did not end on hang-up; its processes:\n%s\nthe screen's end: %q", s.cmd.Path, ps, tail(s.Screen(), 400))
		_ = s.cmd.Process.Kill()
		<-done
	}
}

// controlSeqs are what terminals interpret rather than show: CSI sequences
// (colours, cursor motion, modes), OSC strings (titles), the other escape
// sequences, and the C0 controls except newline and tab. Written by hand: a
// terminal emulator library would be far more than these tests need.
var controlSeqs = regexp.MustCompile(`\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[ -/]*[0-~]|[\x00-\x08\x0b-\x1f\x7f]`)

// screenText is raw terminal output as text: control sequences and
// carriage returns removed, so that "a\r\n" reads "a\n".
func screenText(raw []byte) string {
	return controlSeqs.ReplaceAllString(string(raw), "")
}

// tail is the last n bytes of s.
func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

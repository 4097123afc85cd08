package shells

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// hangGuard only keeps a broken test from hanging the suite; nothing is
// asserted about time.
const hangGuard = 60 * time.Second

// session is an interactive shell driven through a pty.
type session struct {
	t      *testing.T
	pty    *os.File
	status string // the shell's last-status parameter: "$?" or "$status"
	n      int

	mu    sync.Mutex
	buf   []byte
	seen  int
	wake  chan struct{}
	ended bool
}

// startSession starts argv in a pty with a minimal environment plus env.
func startSession(t *testing.T, argv []string, status string, env []string) *session {
	t.Helper()
	home := t.TempDir()
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = home
	cmd.Env = append([]string{"HOME=" + home, "PATH=/usr/bin:/bin", "TERM=dumb",
		"XDG_CONFIG_HOME=" + home + "/.config", "XDG_DATA_HOME=" + home + "/.local/share",
		"PS1=$ ", "PROMPT=$ "}, env...)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 400})
	if err != nil {
		t.Fatalf("starting %q in a pty: %v", argv, err)
	}
	s := &session{t: t, pty: f, status: status, wake: make(chan struct{}, 1)}
	go s.read()
	t.Cleanup(func() { s.close(cmd) })
	return s
}

func (s *session) read() {
	b := make([]byte, 4096)
	for {
		n, err := s.pty.Read(b)
		s.mu.Lock()
		s.buf = append(s.buf, b[:n]...)
		s.ended = err != nil
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

func (s *session) close(cmd *exec.Cmd) {
	fmt.Fprint(s.pty, "exit\n")
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(hangGuard):
		cmd.Process.Kill()
		<-done
	}
	s.pty.Close()
}

// run types line, then a command that prints a numbered marker with the
// status line left; it returns everything the terminal showed in between
// (echo and prompts included) and that status.
func (s *session) run(line string) (string, int) {
	s.t.Helper()
	s.n++
	fmt.Fprintf(s.pty, "%s; printf '@@%%s@@%%d:%%d\\n' DONE %d %s\n", line, s.n, s.status)
	re := regexp.MustCompile(fmt.Sprintf(`@@DONE@@%d:(\d+)`, s.n))
	deadline := time.After(hangGuard)
	for {
		s.mu.Lock()
		out, ended := string(s.buf[s.seen:]), s.ended
		if m := re.FindStringSubmatchIndex(out); m != nil {
			s.seen += m[1]
			s.mu.Unlock()
			st, _ := strconv.Atoi(out[m[2]:m[3]])
			return out[:m[0]], st
		}
		s.mu.Unlock()
		if ended {
			s.t.Fatalf("the shell ended while running %q; it showed:\n%s", line, out)
		}
		select {
		case <-s.wake:
		case <-deadline:
			s.t.Fatalf("no end marker after %q within the hang guard; the shell showed:\n%s", line, out)
		}
	}
}

package shells

import (
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"testing"

	"github.com/sshell/sshell/internal/testpty"
)

// session is an interactive shell driven through a pty.
type session struct {
	*testpty.Session
	status string // the shell's last-status parameter: "$?" or "$status"
	n      int
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
	s := &session{Session: testpty.Start(t, cmd, 50, 400), status: status}
	s.Quit = "exit\n"
	return s
}

// run types line, then a command that prints a numbered marker with the
// status line left; it returns everything the terminal showed in between
// (echo and prompts included) and that status.
func (s *session) run(line string) (string, int) {
	s.n++
	s.Send(fmt.Sprintf("%s; printf '@@%%s@@%%d:%%d\\n' DONE %d %s\n", line, s.n, s.status))
	out, m := s.WaitFor(regexp.MustCompile(fmt.Sprintf(`@@DONE@@%d:(\d+)`, s.n)))
	st, _ := strconv.Atoi(m[1])
	return out, st
}

package testpty

import (
	"os/exec"
	"regexp"
	"testing"
)

// TestSession: what is typed reaches the program, what it shows comes back
// as screen text (control sequences and carriage returns gone), and Close
// ends it.
func TestSession(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh here")
	}
	s := Start(t, exec.Command(sh), 24, 80)
	s.Quit = "exit\n"
	s.Send("printf '\\033[1mbold\\033[0m %s\\r\\n' $((6*7))\n")
	if before, m := s.WaitFor(regexp.MustCompile(`bold (\d+)\n`)); m[1] != "42" {
		t.Errorf("WaitFor: %q, before %q; want bold 42", m, before)
	}
	s.Close()
	s.Close() // idempotent
}

func TestScreenText(t *testing.T) {
	if got := screenText([]byte("\x1b]0;title\x07a\x1b[31mb\x1b[0m\r\n")); got != "ab\n" {
		t.Errorf("screenText = %q, want %q", got, "ab\n")
	}
}

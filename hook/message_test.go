package hook

import (
	"os/exec"
	"strings"
	"testing"
)

func TestNotFoundMessage(t *testing.T) {
	for _, tc := range []struct{ shell, name, want string }{
		{"bash", "jq", "bash: jq: command not found"},
		{"zsh", "jq", "zsh: command not found: jq"},
		{"fish", "jq", "fish: Unknown command: jq"},
		{"fish", "a b", "fish: Unknown command: 'a b'"},
		{"", "jq", "sshell: jq: command not found"},
	} {
		if got := NotFoundMessage(tc.shell, tc.name); got != tc.want {
			t.Errorf("NotFoundMessage(%q, %q) = %q; want %q", tc.shell, tc.name, got, tc.want)
		}
	}
}

var fishEscapeCases = []string{
	"jq", "g++", "a=b", "a,b:c@d+e^f!g", "é", "x\u200by", "-x", ".x",
	"a b", "x$y", "a*b", "~", "a~b", "{a}", "a%b", `a"b`, "a\u00a0b", "",
	"it's", "it's x", `a\b`, "tab\tx", "a\nb", "a\x01b", "a\x1bb", "a\x7fb", "a\x1fb",
	"a'b$c#d{e}f?g%h&i|j<k>l(m)n[o]p;q\"r",
}

// TestFishEscapeMatchesFish checks fishEscape against the real fish.
func TestFishEscapeMatchesFish(t *testing.T) {
	fish, err := exec.LookPath("fish")
	if err != nil {
		t.Skip("fish is not installed: cannot compare with its string escape")
	}
	for _, s := range fishEscapeCases {
		cmd := exec.Command(fish, "--no-config", "-c", "string escape -- $SSHELL_TEST_NAME")
		cmd.Env = append(cmd.Environ(), "SSHELL_TEST_NAME="+s)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("fish string escape %q: %v", s, err)
		}
		if want := strings.TrimSuffix(string(out), "\n"); fishEscape(s) != want {
			t.Errorf("fishEscape(%q) = %q; fish says %q", s, fishEscape(s), want)
		}
	}
}

package shells

import (
	"os/exec"
	"strings"
	"testing"
)

var quoteCases = []string{
	"plain", "", "a b", "it's", `"q"`, `$HOME`, "`id`", `\`, `\\'`, `'\''`,
	"*?[a]", "!x", "~", "a\nb", "tab\tx", "é ü 日本", "#x", "a;b|c&d", "$(id)", "{a,b}",
}

// TestQuoteRoundTrip has each real shell print what the quoted word means.
func TestQuoteRoundTrip(t *testing.T) {
	for _, shell := range Supported() {
		t.Run(shell, func(t *testing.T) {
			if _, err := exec.LookPath(shell); err != nil {
				t.Skipf("%s is not installed", shell)
			}
			for _, s := range quoteCases {
				q, err := quoterFor(shell)(s)
				if err != nil {
					t.Fatalf("quoting %q: %v", s, err)
				}
				args := []string{"-c", "printf '%s|' " + q}
				if shell == "fish" {
					args = append([]string{"--no-config"}, args...)
				}
				out, err := exec.Command(shell, args...).Output()
				if err != nil || string(out) != s+"|" {
					t.Errorf("%s: %q quoted as %s reads back as %q (%v)", shell, s, q, out, err)
				}
			}
		})
	}
}

func TestFishQuoteRejects(t *testing.T) {
	for _, s := range []string{"a\x00b", "a\xffb"} {
		if q, err := fishQuote(s); err == nil {
			t.Errorf("fishQuote(%q) = %s; want an error", s, q)
		}
	}
	if q, _ := fishQuote(`it's \`); q != `'it\'s \\'` {
		t.Errorf("fishQuote escapes wrong: %s", q)
	}
}

func TestCheckCommandName(t *testing.T) {
	for _, n := range []string{"jq", "g++", "python3.12", "7z", "clang-format", "it's", "é"} {
		if err := checkCommandName(n); err != nil {
			t.Errorf("checkCommandName(%q): %v", n, err)
		}
	}
	for _, n := range []string{"", "-x", "a/b", "a b", "a\tb", "a\x01b"} {
		if err := checkCommandName(n); err == nil || !strings.Contains(err.Error(), "fish function") {
			t.Errorf("checkCommandName(%q) = %v; want an error", n, err)
		}
	}
}

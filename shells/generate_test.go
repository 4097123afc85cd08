package shells

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// trickyBin needs quoting in every shell: space, both quotes, $, backslash,
// backtick, glob, history and non-ASCII characters.
const trickyBin = "/opt/it's \"a\" $HOME `x` \\ *?[a]! é/bin/sshell"

func TestSupported(t *testing.T) {
	if got := Supported(); !slices.Equal(got, []string{"bash", "zsh", "fish"}) {
		t.Fatalf("Supported() = %q", got)
	}
}

func TestGenerateRejects(t *testing.T) {
	for _, tc := range []struct {
		shell string
		opts  Options
	}{
		{"tcsh", Options{Bin: "/usr/bin/sshell"}},
		{"bash", Options{Bin: "sshell"}},
		{"zsh", Options{Bin: ""}},
		{"bash", Options{Bin: "/a\x00b"}},
		{"fish", Options{Bin: "/a\xffb"}},
		{"fish", Options{Bin: "/usr/bin/sshell", Commands: []string{"-x"}}},
		{"fish", Options{Bin: "/usr/bin/sshell", Commands: []string{"a/b"}}},
		{"fish", Options{Bin: "/usr/bin/sshell", Commands: []string{"a b"}}},
		{"fish", Options{Bin: "/usr/bin/sshell", Commands: []string{""}}},
		{"fish", Options{Bin: "/usr/bin/sshell", Commands: []string{"a\nb"}}},
	} {
		if _, err := Generate(tc.shell, tc.opts); err == nil {
			t.Errorf("Generate(%q, %+q) succeeded; want an error", tc.shell, tc.opts)
		}
	}
}

func TestGenerateIgnoresCommandsOutsideFish(t *testing.T) {
	for _, shell := range []string{"bash", "zsh"} {
		a, err := Generate(shell, Options{Bin: "/usr/bin/sshell", Commands: []string{"-x", "a b"}})
		b, _ := Generate(shell, Options{Bin: "/usr/bin/sshell"})
		if err != nil || a != b {
			t.Errorf("%s: Commands changed the output or failed: %v", shell, err)
		}
	}
}

func TestGenerateDefinesHandlers(t *testing.T) {
	for shell, want := range map[string][]string{
		"bash": {"command_not_found_handle() {", "__sshell_hook_marker", "exec " + quoteOrDie(t, "bash", trickyBin)},
		"zsh":  {"command_not_found_handler() {", "__sshell_hook_marker", "exec " + quoteOrDie(t, "zsh", trickyBin)},
		"fish": {"function fish_command_not_found ", "__sshell_hook_marker", "__sshell_wrap 'qqtool' 'g++'"},
	} {
		text, err := Generate(shell, Options{Bin: trickyBin, Commands: []string{"qqtool", "g++"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s hook lacks %q", shell, w)
			}
		}
		if shell == "fish" && strings.Contains(text, "exec ") {
			t.Error("the fish hook execs; fish runs handlers in the shell itself")
		}
	}
}

func quoteOrDie(t *testing.T, shell, s string) string {
	q, err := quoterFor(shell)(s)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// TestGeneratedSyntax parses bash and zsh output with mvdan.cc/sh and checks
// all three with the real shells' no-execute modes.
func TestGeneratedSyntax(t *testing.T) {
	check := map[string][]string{"bash": {"bash", "-n"}, "zsh": {"zsh", "-n"}, "fish": {"fish", "--no-execute"}}
	lang := map[string]syntax.LangVariant{"bash": syntax.LangBash, "zsh": syntax.LangZsh}
	for _, shell := range Supported() {
		text, err := Generate(shell, Options{Bin: trickyBin, Commands: []string{"qqtool", "it's", "g++"}})
		if err != nil {
			t.Fatal(err)
		}
		if l, ok := lang[shell]; ok {
			if _, err := syntax.NewParser(syntax.Variant(l)).Parse(strings.NewReader(text), shell); err != nil {
				t.Errorf("mvdan.cc/sh cannot parse the %s hook: %v", shell, err)
			}
		}
		t.Run(shell, func(t *testing.T) {
			if _, err := exec.LookPath(shell); err != nil {
				t.Skipf("%s is not installed", shell)
			}
			p := filepath.Join(t.TempDir(), "hook")
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(check[shell][0], append(check[shell][1:], p)...).CombinedOutput(); err != nil {
				t.Errorf("%q rejects the hook: %v\n%s", check[shell], err, out)
			}
		})
	}
}

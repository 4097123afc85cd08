//go:build linux

package main

import (
	"path/filepath"
	"testing"
)

// shellKind is what the tests need to know about one shell.
type shellKind struct {
	name     string
	status   string // the last-status parameter
	notFound string // format: name; the shell's own interactive line
	prev     string // a previous handler: prints "PREV: NAME", returns 3
	setenv   string // format: name, value (single-quoted)
	unsetenv string // format: name
	// handlerStatus is what the shell shows after a not-found handler
	// returned s: fish always shows 127.
	handlerStatus func(s int) int
	// rc writes the rc file holding prompt setup, then body, and returns the
	// shell's argv and extra environment.
	rc func(t *testing.T, w *shellWorld, body string) (argv, env []string)
}

func same(s int) int { return s }

var shellKinds = []shellKind{
	{
		name: "bash", status: "$?", notFound: "bash: %s: command not found",
		prev:   `command_not_found_handle() { echo "PREV: $1"; return 3; }`,
		setenv: "export %s='%s'", unsetenv: "unset %s", handlerStatus: same,
		rc: func(t *testing.T, w *shellWorld, body string) ([]string, []string) {
			rc := w.write(t, w.home, ".bashrc-e2e", "PS1='"+e2ePrompt+"'\nPROMPT_COMMAND=\n"+body, 0o644)
			return []string{"bash", "--rcfile", rc, "-i"}, nil
		},
	},
	{
		name: "zsh", status: "$?", notFound: "zsh: command not found: %s",
		prev:   `command_not_found_handler() { echo "PREV: $1"; return 3; }`,
		setenv: "export %s='%s'", unsetenv: "unset %s", handlerStatus: same,
		rc: func(t *testing.T, w *shellWorld, body string) ([]string, []string) {
			dir := filepath.Join(w.home, ".zdot")
			w.write(t, dir, ".zshrc", "PROMPT='"+e2ePrompt+"'\nRPROMPT=\nunsetopt PROMPT_SP\n"+body, 0o644)
			return []string{"zsh", "-i"}, []string{"ZDOTDIR=" + dir}
		},
	},
	{
		name: "fish", status: "$status", notFound: "fish: Unknown command: %s",
		prev:   `function fish_command_not_found; echo "PREV: $argv[1]"; return 3; end`,
		setenv: "set -gx %s '%s'", unsetenv: "set -e %s", handlerStatus: func(int) int { return 127 },
		rc: func(t *testing.T, w *shellWorld, body string) ([]string, []string) {
			w.write(t, filepath.Join(w.home, ".config", "fish"), "config.fish", fishRCHead+body, 0o644)
			return []string{"fish", "-i"}, nil
		},
	},
}

const fishRCHead = `set -g fish_greeting
set -g fish_autosuggestion_enabled 0
function fish_prompt; printf '` + e2ePrompt + `'; end
function fish_right_prompt; end
function fish_title; end
`

// initLine is the line the docs tell users to put in their rc file.
func (k shellKind) initLine() string {
	if k.name == "fish" {
		return "sshell init fish | source\n"
	}
	return `eval "$(sshell init ` + k.name + `)"` + "\n"
}

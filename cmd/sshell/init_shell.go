package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sshell/sshell/resolve"
	"github.com/sshell/sshell/shells"
)

func init() {
	register(&verb{name: "init", summary: "print the shell hook: eval \"$(sshell init bash)\"", help: initHelpText, run: runInit})
}

const initHelpText = `Usage: sshell init bash|zsh|fish

Print the code that makes a missing command run through sshell. Put one of
these in your shell's rc file:

  bash (~/.bashrc):                 eval "$(sshell init bash)"
  zsh  (~/.zshrc):                  eval "$(sshell init zsh)"
  fish (~/.config/fish/config.fish): sshell init fish | source

The hook is active in interactive shells only, unless SSHELL_HOOK_SCRIPTS=1.
SSHELL_HOOK=off turns it off; SSHELL_HOOK_SKIP="a b" leaves commands alone.
See docs/shell-integration.md.
`

func runInit(_ context.Context, s *streams, args []string) error {
	v := verbs["init"]
	fs := newFlagSet(v)
	if err := parseFlags(fs, v, s, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &usageError{verb: v.name, err: fmt.Errorf("want exactly one shell: bash, zsh or fish")}
	}
	bin, err := selfPath()
	if err != nil {
		return err
	}
	set, _, _ := resolve.LoadAll() // broken manifests are reported when used
	names := wrappable(fs.Arg(0), bin, set.Names())
	text, err := shells.Generate(fs.Arg(0), shells.Options{Bin: bin, Commands: names})
	if err != nil {
		return &usageError{verb: v.name, err: err}
	}
	_, err = fmt.Fprint(s.out, text)
	return err
}

// wrappable keeps the command names Generate accepts for shell (fish makes
// a wrapper function of each). Manifests accept some names fish wrappers do
// not (a zero-width space, say); one of those must not cost the user the
// whole hook. Such a tool still runs through fish_command_not_found. Each
// name is tried alone: shells exports no check of its own.
func wrappable(shell, bin string, names []string) []string {
	if shell != "fish" {
		return names
	}
	var keep []string
	for _, n := range names {
		if _, err := shells.Generate(shell, shells.Options{Bin: bin, Commands: []string{n}}); err == nil {
			keep = append(keep, n)
		}
	}
	return keep
}

// selfPath is the absolute path of this binary, which the hook calls
// directly so that it never depends on PATH (and never recurses when sshell
// is missing from it).
func selfPath() (string, error) {
	bin, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("finding the sshell binary: %w", err)
	}
	if resolved, err := filepath.EvalSymlinks(bin); err == nil {
		bin = resolved
	}
	return bin, nil
}

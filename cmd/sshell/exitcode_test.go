package main

import (
	"errors"
	"flag"
	"fmt"
	"testing"

	"github.com/sshell/sshell/resolve"
	"github.com/sshell/sshell/resolve/repo"
	"github.com/sshell/sshell/run"
)

func TestExitCode(t *testing.T) {
	wrapped := func(kind error) error { return fmt.Errorf("pulling %q: %w: %w", "x", kind, errors.New("cause")) }
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"success", nil, 0},
		{"help", flag.ErrHelp, 0},
		{"tool status", exitStatus(3), 3},
		{"tool killed by TERM", exitStatus(143), 143},
		{"usage", &usageError{verb: "run", err: errors.New("bad")}, 2},
		{"unknown command", &unknownCommandError{name: "jq"}, 127},
		{"cannot invoke", &runError{err: wrapped(run.ErrCannotInvoke)}, 126},
		{"daemon down", wrapped(run.ErrDaemonUnreachable), 125},
		{"image not found", &runError{err: wrapped(run.ErrImageNotFound)}, 125},
		{"registry unreachable", &runError{err: wrapped(run.ErrRegistryUnreachable)}, 125},
		{"auth denied", &runError{err: wrapped(run.ErrAuthDenied)}, 125},
		{"no space", &runError{err: wrapped(run.ErrNoSpace)}, 125},
		{"manifest", &resolve.Error{Source: resolve.Source{File: "a.toml", Line: 2}, Err: errors.New("bad")}, 125},
		{"lint found problems", &lintError{n: 2}, 1},
		{"team repo bad ref", fmt.Errorf("repo team: %w", repo.ErrBadRef), 125},
		{"anything else", errors.New("boom"), 125},
	}
	for _, tc := range tests {
		if got := exitCode(tc.err); got != tc.want {
			t.Errorf("%s: exitCode(%v) = %d, want %d", tc.name, tc.err, got, tc.want)
		}
	}
}

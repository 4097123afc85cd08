package main

import (
	"errors"
	"fmt"

	"github.com/sshell/sshell/run"
)

// The CLI's own outcomes. exitcode.go turns them into exit codes and
// errmsg.go into the one line the user reads.

// exitStatus is the tool's own non-zero exit code, passed through silently.
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("the tool exited with status %d", int(e)) }

// usageError is a bad command line; verb names the help to point at.
type usageError struct {
	verb string
	err  error
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// errNoManifest: no manifest provides the command the user typed.
var errNoManifest = errors.New("no manifest provides this command")

// unknownCommandError names the command and where a manifest for it could go.
type unknownCommandError struct {
	name, dir string
}

func (e *unknownCommandError) Error() string { return e.name + ": " + errNoManifest.Error() }
func (e *unknownCommandError) Unwrap() error { return errNoManifest }

// runError is a failed run, with what the advice needs to name.
type runError struct {
	image  string // the image reference
	source string // the manifest's file:line; empty for --image
	pull   run.PullPolicy
	err    error
}

func (e *runError) Error() string { return e.err.Error() }
func (e *runError) Unwrap() error { return e.err }

// notFoundError is the shell's own "command not found" line, printed as is
// by the hook for a command nothing provides.
type notFoundError struct{ line string }

func (e *notFoundError) Error() string { return e.line }

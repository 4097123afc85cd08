package main

import (
	"errors"
	"flag"

	"github.com/sshell/sshell/hook"
	"github.com/sshell/sshell/run"
)

// Exit codes, documented in docs/exit-codes.md. This file is the only place
// that decides them. Besides these, the tool's own code passes through
// (death by signal N arrives from the runner as 128+N).
const (
	exitOK             = 0
	exitUsage          = 2   // bad verb, flag or flag value
	exitLintProblems   = 1   // `sshell manifests lint` found problems in manifests
	exitDoctorProblems = 1   // `sshell doctor`: the runtime in use cannot run tools
	exitFailure        = 125 // sshell's own failure: daemon, registry, image, manifest, disk
	exitCannotInvoke   = 126 // the image has no runnable entrypoint, or the hook would recurse
	exitUnknownCommand = 127 // no manifest provides the command
	exitTimeout        = 124 // the tool ran past --timeout, as timeout(1)
	exitOutOfMemory    = 137 // the tool was killed at its memory limit (SIGKILL, 128+9)
)

// exitCode decides the process's exit code from what a verb returned.
func exitCode(err error) int {
	var status exitStatus
	var usage *usageError
	var bound *boundError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &status):
		return int(status)
	case errors.As(err, &usage):
		return exitUsage
	case errors.As(err, new(*lintError)):
		return exitLintProblems
	case errors.As(err, new(*doctorError)):
		return exitDoctorProblems
	case errors.As(err, &bound) && bound.kind == run.StoppedTimeout:
		return exitTimeout
	case errors.As(err, &bound):
		return exitOutOfMemory
	case errors.Is(err, errNoManifest), errors.As(err, new(*notFoundError)):
		return exitUnknownCommand
	case errors.Is(err, run.ErrCannotInvoke), errors.Is(err, hook.ErrRecursion):
		return exitCannotInvoke
	}
	return exitFailure
}

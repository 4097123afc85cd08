//go:build lean

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// The lean build (-tags lean: no Docker runtime, no registry client) is
// the sshell users and the shell hook start: it starts in a fraction of
// the full build's time, and serves what needs neither, the runs of cached
// images on the native runtime above all. For anything else it runs the
// full build, installed beside it as fullName, with the same arguments
// (docs/native.md, "Speed").
const leanBuild = true

// leanVerbs are the verbs the lean build runs itself (until it meets
// run.ErrFullBuild): those that touch neither Docker nor a registry, or
// a run that may not.
var leanVerbs = map[string]bool{"run": true, "hook": true, "version": true, "help": true, "init": true, keeperVerb: true}

// execFull replaces this process with the full build, given args. It
// returns only when it cannot.
func execFull(args []string) error {
	self, err := selfPath()
	if err != nil {
		return err
	}
	full := filepath.Join(filepath.Dir(self), fullName)
	err = syscall.Exec(full, append([]string{full}, args...), os.Environ())
	return fmt.Errorf("running %s, which does what this lean build of sshell does not (install it beside %s: make install does): %w", full, self, err)
}

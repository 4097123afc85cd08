//go:build !unix

package main

import (
	"time"

	"github.com/sshell/sshell/run"
)

// spawnKeeper starts no keeper without sessions: the native runtime, the
// only one with ready sandboxes, runs on Linux only.
func spawnKeeper(time.Duration) func(run.Spec) { return func(run.Spec) {} }

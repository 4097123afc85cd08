//go:build unix

package main

import (
	"encoding/json"
	"os"
	"time"

	"github.com/sshell/sshell/run"
)

// spawnKeeper is native.WithReady's spawn: it starts `sshell __keep-ready
// IDLE` detached (see detached; in /, so that it holds no directory of the
// caller's busy, and with no descriptor but its stdio: see noInheritance)
// with spec on its stdin, and does not wait for it. The
// caller pays a fork and an exec, at the end of a cold run; a keeper that
// finds another one keeping spec's calls exits at once.
func spawnKeeper(idle time.Duration) func(run.Spec) {
	return func(spec run.Spec) {
		data, err := json.Marshal(spec)
		if err != nil {
			return
		}
		cmd, err := detached(keeperVerb, idle.String())
		if err != nil {
			return
		}
		r, w, err := os.Pipe()
		if err != nil {
			return
		}
		defer w.Close()
		cmd.Dir, cmd.Stdin = "/", r
		noInheritance()
		err = cmd.Start()
		r.Close()
		if err != nil {
			return
		}
		go cmd.Wait()        // reap it if this sshell outlives it; else init does
		_, _ = w.Write(data) // a few hundred bytes: the pipe holds them, the keeper reads them
	}
}

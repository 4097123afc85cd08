//go:build unix

package main

import (
	"os"
	"os/exec"
	"syscall"

	"github.com/sshell/sshell/resolve/repo"
)

// startBackgroundUpdate starts `sshell repo update --background` detached
// (its own session, stdio on /dev/null) and does not wait for it, so a run
// never waits on git. The child takes the repos' lock or quits; when the
// lock is taken already, an update is under way and none is started.
func startBackgroundUpdate() {
	if repo.Default().Busy() {
		return
	}
	bin, err := selfPath()
	if err != nil {
		return
	}
	cmd := exec.Command(bin, "repo", "update", "--background")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	cmd.Env = append(os.Environ(), "SSHELL_HOOK=off")
	if cmd.Start() == nil { // stdio nil: /dev/null
		go cmd.Wait() // reap it if this sshell outlives it (a long run); else init does
	}
}

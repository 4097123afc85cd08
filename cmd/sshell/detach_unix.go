//go:build unix

package main

import (
	"os"
	"os/exec"
	"syscall"

	"github.com/sshell/sshell/cache"
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
	detach("repo", "update", "--background")
}

// startBackgroundUpgrade starts `sshell upgrade --background` the same
// way, unless a check is under way (it holds the upgrade lock).
func startBackgroundUpgrade() {
	if cache.DefaultUpgrades().Busy() {
		return
	}
	detach("upgrade", "--background")
}

// detach starts sshell with args in its own session, stdio on /dev/null.
func detach(args ...string) {
	cmd, err := detached(args...)
	if err == nil && cmd.Start() == nil { // stdio nil: /dev/null
		go cmd.Wait() // reap it if this sshell outlives it (a long run); else init does
	}
}

// detached is sshell with args, to start in its own session, without the
// shell hook, with stdio on /dev/null unless the caller sets it.
func detached(args ...string) (*exec.Cmd, error) {
	bin, err := selfPath()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	cmd.Env = append(os.Environ(), "SSHELL_HOOK=off")
	return cmd, nil
}

//go:build unix

package main

import "github.com/sshell/sshell/cache"

// startBackgroundUpgradeOn is startBackgroundUpgrade for a run on runtime
// rt: the check pulls onto the runtime the run used, even when --runtime
// chose it (the detached process would otherwise choose from the
// environment and the config file).
func startBackgroundUpgradeOn(rt string) {
	if rt == "" {
		startBackgroundUpgrade()
		return
	}
	if cache.DefaultUpgrades().Busy() {
		return
	}
	detach("upgrade", "--background", "--runtime", rt)
}

//go:build unix

package main

import (
	"os"
	"time"

	"github.com/sshell/sshell/cache"
)

// gcEnv set to "off" stops calls from starting the background gc.
const gcEnv = "SSHELL_GC"

// startBackgroundGC starts `sshell cache gc --background` detached (see
// detach), at most once per cache.GCEvery: a call pays one stat of the
// stamp, and never waits for the gc.
func startBackgroundGC() {
	if os.Getenv(gcEnv) == "off" || !cache.GCDue(cache.GCStamp(), time.Now(), cache.GCEvery) {
		return
	}
	detach("cache", "gc", "--background")
}

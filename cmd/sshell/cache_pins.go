package main

import "github.com/sshell/sshell/cache"

// cachePins are the pins gc must keep: the ones `sshell pin` writes in the
// upgrade state. A state that cannot be read stops gc before it removes
// anything.
func cachePins(st cache.UpgradeState) cache.Pins { return st }

// The upgrade state is the pins gc reads.
var _ cache.Pins = cache.UpgradeState{}

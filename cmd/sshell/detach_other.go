//go:build !unix

package main

// startBackgroundUpdate does nothing without sessions and flock(2): team
// repos are updated by `sshell repo update` only.
func startBackgroundUpdate() {}

// startBackgroundUpgrade does nothing here either: tags are checked by
// `sshell upgrade` only.
func startBackgroundUpgrade() {}

//go:build !unix

package main

// startBackgroundUpgradeOn does nothing here either: tags are checked by
// `sshell upgrade` only.
func startBackgroundUpgradeOn(string) {}

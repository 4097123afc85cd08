//go:build !unix

package main

// startBackgroundGC does nothing without sessions and flock(2): the cache
// is cleaned by `sshell cache gc` only.
func startBackgroundGC() {}

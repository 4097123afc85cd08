//go:build unix && !linux

package main

// noInheritance does nothing here: keepers of ready sandboxes, the
// children it matters for, run on Linux only.
func noInheritance() {}

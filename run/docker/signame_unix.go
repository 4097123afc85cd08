//go:build unix && !lean

package docker

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// signalName is the name the Engine API takes ("SIGINT"). Names, not
// numbers: numbers differ between the caller's OS and the container's.
func signalName(s os.Signal) string {
	if n, ok := s.(syscall.Signal); ok {
		return unix.SignalName(n)
	}
	return ""
}

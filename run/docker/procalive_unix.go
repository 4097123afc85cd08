//go:build unix && !linux

package docker

import (
	"errors"

	"golang.org/x/sys/unix"
)

// procStart is unknown here: liveness falls back to the pid alone.
func procStart(int) string { return "" }

// ownerAlive reports whether a process has that pid (signal 0 checks
// without sending; EPERM means it exists but is someone else's).
func ownerAlive(pid int, _ string) bool {
	err := unix.Kill(pid, 0)
	return err == nil || errors.Is(err, unix.EPERM)
}

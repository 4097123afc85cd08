//go:build unix && !linux

package proc

import (
	"errors"

	"golang.org/x/sys/unix"
)

// Start is unknown here: liveness falls back to the pid alone.
func Start(int) string { return "" }

// Alive reports whether a process has that pid (signal 0 checks
// without sending; EPERM means it exists but is someone else's).
func Alive(pid int, _ string) bool {
	err := unix.Kill(pid, 0)
	return err == nil || errors.Is(err, unix.EPERM)
}

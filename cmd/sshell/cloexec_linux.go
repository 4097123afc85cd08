package main

import (
	"math"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// noInheritance marks every descriptor above stderr close-on-exec, so that
// a child started after it gets its stdio only. Go opens its own files so,
// but not the ones this process inherited (a shell's `exec 3>log`, the
// pipe bats reads as fd 3, make's jobserver): a keeper would hold them
// open as long as it lives, and whoever waits for their end would wait for
// it. This process keeps using them.
func noInheritance() {
	if unix.CloseRange(3, math.MaxUint32, unix.CLOSE_RANGE_CLOEXEC) == nil { // Linux 5.11
		return
	}
	fds, _ := os.ReadDir("/proc/self/fd")
	for _, e := range fds {
		if fd, err := strconv.Atoi(e.Name()); err == nil && fd > 2 {
			unix.CloseOnExec(fd)
		}
	}
}

package main

import (
	"fmt"
	"os"
	"runtime"
)

// callerUser is the "uid:gid" the tool runs as, so that files it writes in
// the current directory belong to the caller. Root stays root ("0:0").
// Windows has no uids: the image's user is kept.
func callerUser() string {
	if runtime.GOOS == "windows" {
		return ""
	}
	return fmt.Sprintf("%d:%d", os.Getuid(), os.Getgid())
}

//go:build unix

package runtest

import (
	"os"
	"syscall"
)

// owner is the uid and gid that own file on the host.
func owner(file string) (uid, gid uint32, ok bool) {
	info, err := os.Stat(file)
	if err != nil {
		return 0, 0, false
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, false
	}
	return st.Uid, st.Gid, true
}

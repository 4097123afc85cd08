//go:build unix

package store

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"syscall"

	"golang.org/x/sys/unix"
)

func owner(fi fs.FileInfo) (uid, gid int, ok bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, false
	}
	return int(st.Uid), int(st.Gid), true
}

// linkInto hard-links src to rel in root. os.Root cannot link from outside
// itself: the parent is opened through the root (so it is inside) and the
// link made relative to that descriptor. A copy is the fallback across
// file systems.
func linkInto(root *os.Root, rel, src string, fi fs.FileInfo) error {
	d, err := root.Open(path.Dir(rel))
	if err != nil {
		return err
	}
	defer d.Close()
	err = unix.Linkat(unix.AT_FDCWD, src, int(d.Fd()), path.Base(rel), 0)
	if errors.Is(err, unix.EXDEV) || errors.Is(err, unix.EMLINK) {
		return copyInto(root, rel, src, fi)
	}
	if err != nil {
		return &os.LinkError{Op: "link", Old: src, New: rel, Err: err}
	}
	return nil
}

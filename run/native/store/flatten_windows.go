//go:build windows

package store

import (
	"io/fs"
	"os"
)

func owner(fs.FileInfo) (uid, gid int, ok bool) { return 0, 0, false }

// linkInto copies: the native runtime, which uses Flatten, runs on Linux.
func linkInto(root *os.Root, rel, src string, fi fs.FileInfo) error {
	return copyInto(root, rel, src, fi)
}

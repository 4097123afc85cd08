package store

import (
	"os"
	"path"

	"golang.org/x/sys/unix"
)

const whiteoutDevicesSupported = true

// mknodWhiteout creates overlayfs's whiteout, a 0/0 character device, at
// name. os.Root has no Mknod: the parent is opened through the root (so
// it cannot be outside) and the node made relative to that descriptor.
func mknodWhiteout(root *os.Root, name string) error {
	d, err := root.Open(path.Dir(name))
	if err != nil {
		return err
	}
	defer d.Close()
	if err := unix.Mknodat(int(d.Fd()), path.Base(name), unix.S_IFCHR|0o000, 0); err != nil {
		return &os.PathError{Op: "mknod", Path: name, Err: err}
	}
	return nil
}

// setOpaque marks dir opaque for overlayfs.
func setOpaque(root *os.Root, dir string) error {
	d, err := root.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := unix.Fsetxattr(int(d.Fd()), "trusted.overlay.opaque", []byte("y"), 0); err != nil {
		return &os.PathError{Op: "setxattr", Path: dir, Err: err}
	}
	return nil
}

// syncTree makes what was written under dir durable before it is renamed
// into place: syncfs flushes the file system once, cheaper than an fsync
// per file of a layer.
func syncTree(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}

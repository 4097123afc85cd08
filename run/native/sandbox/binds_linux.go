package sandbox

import (
	"errors"
	"fmt"
	"os"
	"path"
	"sort"
	"strings"

	"golang.org/x/sys/unix"
)

// tree is a detached copy of a host mount (open_tree), taken before the
// pivot and attached at its target after it, so that the target is
// resolved inside the new root: a symbolic link in the image or in a bound
// directory cannot lead a mount out of it.
type tree struct {
	fd     int
	target string
	file   bool
}

type trees []tree

// openBinds takes a detached copy of every bind's source, read-only where
// asked, and, in a user namespace, of the host's devices (which cannot be
// created there).
func openBinds(cfg *Config) (trees, error) {
	binds := append([]Bind(nil), cfg.Binds...)
	if cfg.UserNS && !cfg.Privileged {
		for _, d := range devices {
			binds = append(binds, Bind{Source: "/dev/" + d.name, Target: "/dev/" + d.name, File: true})
		}
	}
	if cfg.Privileged {
		binds = append(binds, Bind{Source: "/dev", Target: "/dev"})
	}
	// Parents before children: a mount inside another bind must come after it.
	sort.SliceStable(binds, func(i, j int) bool { return depth(binds[i].Target) < depth(binds[j].Target) })
	ts := make(trees, 0, len(binds))
	for _, b := range binds {
		fd, err := unix.OpenTree(unix.AT_FDCWD, b.Source, unix.OPEN_TREE_CLONE|unix.OPEN_TREE_CLOEXEC|unix.AT_RECURSIVE)
		if err != nil {
			ts.close()
			return nil, fmt.Errorf("binding %s: %w", b.Source, err)
		}
		ts = append(ts, tree{fd: fd, target: path.Clean(b.Target), file: b.File})
		if b.ReadOnly {
			attr := &unix.MountAttr{Attr_set: unix.MOUNT_ATTR_RDONLY}
			if err := unix.MountSetattr(fd, "", unix.AT_EMPTY_PATH|unix.AT_RECURSIVE, attr); err != nil {
				ts.close()
				return nil, fmt.Errorf("binding %s read-only: %w", b.Source, err)
			}
		}
	}
	return ts, nil
}

func depth(p string) int { return strings.Count(path.Clean(p), "/") }

// attach mounts each tree at its target, making the mount point if needed.
func (ts trees) attach() error {
	for _, t := range ts {
		if err := mountPoint(t.target, t.file); err != nil {
			return err
		}
		if err := unix.MoveMount(t.fd, "", unix.AT_FDCWD, t.target, unix.MOVE_MOUNT_F_EMPTY_PATH); err != nil {
			return fmt.Errorf("mounting at %s: %w", t.target, err)
		}
	}
	return nil
}

func (ts trees) close() {
	for _, t := range ts {
		unix.Close(t.fd)
	}
}

// mountPoint makes target (a directory, or an empty file for a file bind)
// unless something is there already.
func mountPoint(target string, file bool) error {
	if _, err := os.Lstat(target); err == nil {
		return nil
	}
	if err := os.MkdirAll(path.Dir(target), 0o755); err != nil {
		return fmt.Errorf("making the mount point %s: %w", target, err)
	}
	if !file {
		if err := os.Mkdir(target, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
			return fmt.Errorf("making the mount point %s: %w", target, err)
		}
		return nil
	}
	f, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("making the mount point %s: %w", target, err)
	}
	return f.Close()
}

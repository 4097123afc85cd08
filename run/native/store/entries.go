package store

import (
	"archive/tar"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"time"
)

// parent creates the directories leading to an entry, since a tar may
// list children before their parents (they get 0755 and root's owner
// until the parent's own entry comes).
func (e *extractor) parent(dir string) error {
	if dir == "" || dir == "." {
		return nil
	}
	if _, ok := e.dirs[dir]; ok {
		return nil
	}
	if err := e.root.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// Implicit directories get 0755 whatever the umask, and root's owner
	// (as Docker gives them), unless their own entry comes later.
	for d := dir; d != "." && d != "/"; d = path.Dir(d) {
		if _, ok := e.dirs[d]; ok {
			break
		}
		e.dirs[d] = &tar.Header{Name: d, Mode: 0o755, ModTime: time.Now()}
	}
	return nil
}

// clear makes way for a new entry at name: a same-named entry earlier in
// the tar (a whiteout device this layer made, or a duplicate) is replaced,
// as later entries win; a directory stays when the new entry is one too.
func (e *extractor) clear(name string, dirNext bool) error {
	dr, base, err := e.at(name)
	if err != nil {
		return err
	}
	fi, err := dr.Lstat(base)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	delete(e.made, name)
	if fi.IsDir() && !dirNext || fi.Mode()&fs.ModeSymlink != 0 {
		e.closeDirs()
	}
	if !(fi.IsDir() && dirNext) {
		for d := range e.dirs {
			if d == name || strings.HasPrefix(d, name+"/") {
				delete(e.dirs, d)
			}
		}
	}
	if fi.IsDir() {
		if dirNext {
			return nil
		}
		return e.root.RemoveAll(name)
	}
	return e.root.Remove(name)
}

func (e *extractor) mkdir(name string, hdr *tar.Header) error {
	if name != "." {
		if err := e.parent(path.Dir(name)); err != nil {
			return err
		}
		if err := e.clear(name, true); err != nil {
			return err
		}
		if err := e.root.Mkdir(name, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		if e.whited[name] && e.devices {
			// Deleted from the lower layers, then made anew in this one.
			if err := setOpaque(e.root, name); err != nil {
				return err
			}
		}
	}
	// Modes, owners and times are set once all children are in: a
	// read-only directory must stay writable until then.
	e.dirs[name] = hdr
	return nil
}

// mode is the permission bits kept from the tar: setuid and setgid are
// dropped (counted), the sticky bit kept.
func (e *extractor) mode(hdr *tar.Header) fs.FileMode {
	m := hdr.FileInfo().Mode()
	if m&(fs.ModeSetuid|fs.ModeSetgid) != 0 {
		e.meta.SetuidDropped++
	}
	return m & (fs.ModePerm | fs.ModeSticky)
}

// place makes room for a new entry name in dir (its parents made, what was
// there removed) and returns the directory to create it in and its base name.
func (e *extractor) place(name, dir string) (*os.Root, string, error) {
	if err := e.parent(dir); err != nil {
		return nil, "", err
	}
	if err := e.clear(name, false); err != nil {
		return nil, "", err
	}
	return e.at(name)
}

func (e *extractor) file(name, dir string, hdr *tar.Header, r io.Reader) error {
	dr, base, err := e.place(name, dir)
	if err != nil {
		return err
	}
	f, err := dr.OpenFile(base, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	n, err := io.Copy(f, io.LimitReader(r, e.left+1))
	e.meta.Size += n
	if e.left -= n; err == nil && e.left < 0 {
		err = ErrLayerTooLarge
	}
	if err == nil && e.chown {
		err = f.Chown(hdr.Uid, hdr.Gid)
	}
	if err == nil {
		err = f.Chmod(e.mode(hdr))
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return dr.Chtimes(base, atime(hdr), hdr.ModTime)
}

func (e *extractor) symlink(name, dir string, hdr *tar.Header) error {
	// The target is not checked: creating a symlink writes nothing through
	// it, and it is resolved inside the container's root at run time. What
	// this extractor writes later goes through the os.Root, which refuses
	// to follow a symlink out of the layer.
	dr, base, err := e.place(name, dir)
	if err != nil {
		return err
	}
	if err := dr.Symlink(hdr.Linkname, base); err != nil {
		return err
	}
	if e.chown {
		return dr.Lchown(base, hdr.Uid, hdr.Gid)
	}
	return nil
}

func (e *extractor) hardlink(name, dir string, hdr *tar.Header) error {
	target, err := cleanName(hdr.Linkname)
	if err != nil {
		return fmt.Errorf("hard link to %q: %w", hdr.Linkname, err)
	}
	fi, err := e.root.Lstat(target)
	if err != nil {
		return fmt.Errorf("hard link to %q: %w", hdr.Linkname, err)
	}
	if !fi.Mode().IsRegular() && fi.Mode()&fs.ModeSymlink == 0 {
		return fmt.Errorf("hard link to %q: not a regular file", hdr.Linkname)
	}
	if err := e.parent(dir); err != nil {
		return err
	}
	if target == name {
		return nil
	}
	if err := e.clear(name, false); err != nil {
		return err
	}
	return e.root.Link(target, name)
}

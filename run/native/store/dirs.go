package store

import (
	"archive/tar"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"
	"time"
)

// finishDirs sets directories' modes, owners and times, deepest first so
// that a parent's mtime is not changed by its children afterwards.
func (e *extractor) finishDirs() error {
	if _, ok := e.dirs["."]; !ok {
		e.dirs["."] = &tar.Header{Name: ".", Mode: 0o755, ModTime: time.Now()}
	}
	names := make([]string, 0, len(e.dirs))
	for n := range e.dirs {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	for _, n := range names {
		if n != "." {
			// A later entry may have replaced the directory.
			if fi, err := e.root.Lstat(n); err != nil || !fi.IsDir() {
				continue
			}
		}
		hdr := e.dirs[n]
		if e.chown {
			if err := e.root.Lchown(n, hdr.Uid, hdr.Gid); err != nil {
				return fmt.Errorf("unpacking %q: %w", hdr.Name, err)
			}
		}
		if err := e.root.Chmod(n, e.mode(hdr)); err != nil {
			return fmt.Errorf("unpacking %q: %w", hdr.Name, err)
		}
		if err := e.root.Chtimes(n, atime(hdr), hdr.ModTime); err != nil {
			return fmt.Errorf("unpacking %q: %w", hdr.Name, err)
		}
	}
	return nil
}

func atime(hdr *tar.Header) time.Time {
	if hdr.AccessTime.IsZero() {
		return hdr.ModTime
	}
	return hdr.AccessTime
}

// at returns the directory of name, opened as a root, and name's last
// element.
func (e *extractor) at(name string) (*os.Root, string, error) {
	dir, base := path.Split(name)
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" {
		return e.root, base, nil
	}
	if r, ok := e.open[dir]; ok {
		return r, base, nil
	}
	if len(e.open) >= 256 {
		e.closeDirs()
	}
	r, err := e.root.OpenRoot(dir)
	if err != nil {
		return nil, "", err
	}
	e.open[dir] = r
	return r, base, nil
}

func (e *extractor) closeDirs() {
	for d, r := range e.open {
		r.Close()
		delete(e.open, d)
	}
}

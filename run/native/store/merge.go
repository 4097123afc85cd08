package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// merge stacks layers (bottom first) into dst.
func (s *Store) merge(ctx context.Context, layers []string, dst string) error {
	root, err := os.OpenRoot(dst)
	if err != nil {
		return err
	}
	defer root.Close()
	dirs := map[string]fs.FileInfo{} // the topmost layer's directory entries
	for _, l := range layers {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !strings.HasPrefix(l, s.path(layersDir)+string(filepath.Separator)) {
			return fmt.Errorf("layer %s is not in the store", l)
		}
		meta, err := readLayerMeta(filepath.Dir(l))
		if err != nil {
			return err
		}
		// What this layer hides of the ones below goes first; its own
		// entries come after.
		for _, d := range meta.Opaques {
			if d == "." {
				if err := clearDir(root, "."); err != nil {
					return err
				}
				continue
			}
			if fi, err := root.Lstat(d); err == nil && fi.IsDir() {
				if err := clearDir(root, d); err != nil {
					return err
				}
			}
		}
		for _, w := range meta.Whiteouts {
			if err := root.RemoveAll(w); err != nil {
				return err
			}
		}
		if err := copyLayer(root, l, dirs); err != nil {
			return fmt.Errorf("merging layer %s: %w", l, err)
		}
	}
	// Directories get the topmost layer's metadata, deepest first.
	names := make([]string, 0, len(dirs))
	for n := range dirs {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	for _, n := range names {
		fi := dirs[n]
		if cur, err := root.Lstat(n); err != nil || !cur.IsDir() {
			continue
		}
		if uid, gid, ok := owner(fi); ok && os.Geteuid() == 0 {
			if err := root.Lchown(n, uid, gid); err != nil {
				return err
			}
		}
		if err := root.Chmod(n, fi.Mode()&(fs.ModePerm|fs.ModeSticky)); err != nil {
			return err
		}
		if err := root.Chtimes(n, fi.ModTime(), fi.ModTime()); err != nil {
			return err
		}
	}
	return nil
}

// clearDir empties directory d of the merged tree.
func clearDir(root *os.Root, d string) error {
	f, err := root.Open(d)
	if err != nil {
		return err
	}
	names, err := f.Readdirnames(-1)
	f.Close()
	if err != nil {
		return err
	}
	for _, n := range names {
		if err := root.RemoveAll(path.Join(d, n)); err != nil {
			return err
		}
	}
	return nil
}

// copyLayer puts the entries of layer directory src into the merged tree,
// replacing what lower layers had at the same paths.
func copyLayer(root *os.Root, src string, dirs map[string]fs.FileInfo) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		fi, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case fi.IsDir():
			if rel != "." {
				if cur, err := root.Lstat(rel); err == nil && !cur.IsDir() {
					if err := root.Remove(rel); err != nil {
						return err
					}
				}
				if err := root.Mkdir(rel, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
					return err
				}
			}
			dirs[rel] = fi
			return nil
		case fi.Mode()&fs.ModeCharDevice != 0:
			// overlayfs whiteout: applied from layer.json already.
			return nil
		}
		if err := root.RemoveAll(rel); err != nil {
			return err
		}
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			if err := root.Symlink(target, rel); err != nil {
				return err
			}
			if uid, gid, ok := owner(fi); ok && os.Geteuid() == 0 {
				return root.Lchown(rel, uid, gid)
			}
			return nil
		case fi.Mode().IsRegular():
			return linkInto(root, rel, p, fi)
		}
		return nil // nothing else is ever unpacked
	})
}

// copyInto copies regular file src to rel in root, with its mode, owner
// and mtime: the fallback when a hard link is impossible.
func copyInto(root *os.Root, rel, src string, fi fs.FileInfo) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if uid, gid, ok := owner(fi); err == nil && ok && os.Geteuid() == 0 {
		err = out.Chown(uid, gid)
	}
	if err == nil {
		err = out.Chmod(fi.Mode() & (fs.ModePerm | fs.ModeSticky))
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return root.Chtimes(rel, fi.ModTime(), fi.ModTime())
}

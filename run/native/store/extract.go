package store

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"time"
)

// Written by hand, over archive/tar and os.Root, because no library
// unpacks an image layer safely: go-containerregistry's mutate.Extract
// passes absolute names, link targets, device nodes and setuid bits through
// (see shared/notes/native-runtime.md), and Docker's pkg/archive drags in
// the daemon. Every path is created through an os.Root, which refuses to
// resolve anything (a "..", an absolute or escaping symlink) to a place
// outside the layer directory.

// layerMeta is what layers/<diffid>/layer.json records about an unpacked
// layer.
type layerMeta struct {
	DiffID string `json:"diffID"`
	Digest string `json:"digest"` // the compressed blob it came from
	Size   int64  `json:"size"`   // bytes of regular files
	// Whiteouts are the paths (relative, slash-separated) this layer
	// deletes from the layers below it, and Opaques the directories whose
	// lower content it hides. They are also on disk in overlayfs's form
	// when WhiteoutDevices is true; the lists serve Flatten, and a caller
	// that cannot use overlayfs.
	Whiteouts       []string `json:"whiteouts,omitempty"`
	Opaques         []string `json:"opaques,omitempty"`
	WhiteoutDevices bool     `json:"whiteoutDevices"`
	// Skipped counts entries left out on purpose: device nodes, FIFOs and
	// other special files. SetuidDropped counts files whose setuid or
	// setgid bit was cleared.
	Skipped       int `json:"skipped,omitempty"`
	SetuidDropped int `json:"setuidDropped,omitempty"`
}

// ErrLayerTooLarge is wrapped by a Pull whose layer unpacks to more than
// the bound (WithMaxUnpackedBytes): a decompression bomb, or an image too
// big for the bound.
var ErrLayerTooLarge = errors.New("layer unpacks to more than the size bound (a decompression bomb?)")

// extractor unpacks one layer tar into a directory through an os.Root.
type extractor struct {
	root    *os.Root
	chown   bool // running as root: files get the tar's owners
	devices bool // whiteouts as overlayfs char devices and xattrs (root only)
	dirs    map[string]*tar.Header
	made    map[string]bool // whiteout devices this layer created
	whited  map[string]bool // paths this layer's whiteouts delete
	// open holds directories of the layer opened as roots of their own,
	// so that creating an entry costs one openat, not one per component
	// of its path. Any removal of a directory or symlink empties it, so a
	// held directory is never one the tar has since replaced.
	open map[string]*os.Root
	// left is what files may still write: the tar stream's own bound
	// does not cover a sparse file, whose few bytes can declare terabytes.
	left int64
	meta layerMeta
}

// extract unpacks the tar stream r into dir, which must exist and be
// empty, writing at most limit bytes of file content. It stops at the
// first hostile or broken entry.
func extract(ctx context.Context, r io.Reader, dir string, limit int64) (*layerMeta, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	asRoot := os.Geteuid() == 0
	e := &extractor{root: root, chown: asRoot, devices: asRoot && whiteoutDevicesSupported,
		dirs: map[string]*tar.Header{}, made: map[string]bool{}, whited: map[string]bool{}, open: map[string]*os.Root{}, left: limit}
	e.meta.WhiteoutDevices = e.devices
	defer e.closeDirs()
	tr := tar.NewReader(r)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading layer tar: %w", err)
		}
		if err := e.entry(hdr, tr); err != nil {
			return nil, fmt.Errorf("unpacking %q: %w", hdr.Name, err)
		}
	}
	if err := e.finishDirs(); err != nil {
		return nil, err
	}
	return &e.meta, nil
}

// cleanName makes a tar name relative to the layer root, refusing absolute
// names and any that climb out with "..".
func cleanName(name string) (string, error) {
	if strings.HasPrefix(name, "/") {
		return "", fmt.Errorf("absolute path in layer")
	}
	if strings.ContainsRune(name, 0) {
		return "", fmt.Errorf("NUL in path")
	}
	c := path.Clean(name)
	if c == ".." || strings.HasPrefix(c, "../") {
		return "", fmt.Errorf("path climbs out of the layer")
	}
	return c, nil
}

func (e *extractor) entry(hdr *tar.Header, r io.Reader) error {
	name, err := cleanName(hdr.Name)
	if err != nil {
		return err
	}
	if name == "." && hdr.Typeflag != tar.TypeDir {
		return fmt.Errorf("the layer root is not a directory")
	}
	dir, base := path.Split(name)
	dir = strings.TrimSuffix(dir, "/")
	if strings.HasPrefix(base, whiteoutPrefix) {
		return e.whiteout(name, dir, base)
	}
	switch hdr.Typeflag {
	case tar.TypeDir:
		return e.mkdir(name, hdr)
	case tar.TypeReg, tar.TypeRegA, tar.TypeGNUSparse:
		return e.file(name, dir, hdr, r)
	case tar.TypeSymlink:
		return e.symlink(name, dir, hdr)
	case tar.TypeLink:
		return e.hardlink(name, dir, hdr)
	case tar.TypeXGlobalHeader:
		return nil
	default:
		// Device nodes, FIFOs and anything unknown: a tool image has no
		// use for them, and a device node is a way out of the sandbox.
		e.meta.Skipped++
		return nil
	}
}

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

func (e *extractor) file(name, dir string, hdr *tar.Header, r io.Reader) error {
	if err := e.parent(dir); err != nil {
		return err
	}
	if err := e.clear(name, false); err != nil {
		return err
	}
	dr, base, err := e.at(name)
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
	if err := e.parent(dir); err != nil {
		return err
	}
	if err := e.clear(name, false); err != nil {
		return err
	}
	// The target is not checked: creating a symlink writes nothing through
	// it, and it is resolved inside the container's root at run time. What
	// this extractor writes later goes through the os.Root, which refuses
	// to follow a symlink out of the layer.
	dr, base, err := e.at(name)
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

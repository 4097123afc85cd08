package store

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
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

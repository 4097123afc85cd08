package store

import (
	"errors"
	"io/fs"
	"path"
	"strings"
)

// OCI whiteouts: ".wh.NAME" deletes NAME of the layers below; an entry
// ".wh..wh..opq" in a directory hides everything the layers below hold in
// it. On disk they take overlayfs's form, so that the layer directories
// stack as overlay lowerdirs as they are: a 0/0 character device NAME, and
// the xattr trusted.overlay.opaque=y on the directory. Both need root
// (CAP_MKNOD, CAP_SYS_ADMIN for trusted.*); this is not the "no device
// nodes" rule, which is about device nodes that come from the tar. Without
// root only the lists in layer.json record them (WhiteoutDevices false),
// and Flatten applies them.
const (
	whiteoutPrefix = ".wh."
	opaqueMarker   = ".wh..wh..opq"
)

func (e *extractor) whiteout(name, dir, base string) error {
	if err := e.parent(dir); err != nil {
		return err
	}
	if dir == "" {
		dir = "."
	}
	if base == opaqueMarker {
		e.meta.Opaques = append(e.meta.Opaques, dir)
		if e.devices {
			return setOpaque(e.root, dir)
		}
		return nil
	}
	if strings.HasPrefix(base, opaqueMarker[:len(whiteoutPrefix)*2]) {
		// Other ".wh..wh." names are AUFS bookkeeping (.wh..wh.plnk):
		// nothing to apply.
		return nil
	}
	target := path.Join(dir, strings.TrimPrefix(base, whiteoutPrefix))
	if target == "." || strings.Contains(strings.TrimPrefix(base, whiteoutPrefix), "/") {
		return errors.New("bad whiteout name")
	}
	e.meta.Whiteouts = append(e.meta.Whiteouts, target)
	e.whited[target] = true
	if !e.devices {
		return nil
	}
	fi, err := e.root.Lstat(target)
	if err == nil && fi.IsDir() {
		// The layer deletes the lower directory and makes its own: in
		// overlay terms, an opaque directory.
		return setOpaque(e.root, target)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		// This layer has its own file there (which hides the lower entry
		// anyway), or Lstat failed and the next write will say why.
		return nil
	}
	if err := mknodWhiteout(e.root, target); err != nil {
		return err
	}
	e.made[target] = true
	return nil
}

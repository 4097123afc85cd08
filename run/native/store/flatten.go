package store

import (
	"context"
	"os"
)

// Flatten returns a single directory holding img's merged root file
// system, for a sandbox where overlayfs is unavailable: rootfs/<config
// hex> under the store, built once (under the same locks as a Pull),
// with every layer's whiteouts and opaque directories applied. Its regular
// files are hard links to the layers' files: the directory is read-only
// by contract, and a writer must copy first. It is collected with the
// image.
func (s *Store) Flatten(ctx context.Context, img *Image) (string, error) {
	p, err := s.flatten(ctx, img)
	if err != nil {
		return "", wrap(ctx, "flattening", img.Ref, err)
	}
	return p, nil
}

func (s *Store) flatten(ctx context.Context, img *Image) (string, error) {
	id, err := hexOf(img.ID)
	if err != nil {
		return "", err
	}
	final := s.path(rootfsDir, id)
	if _, err := os.Stat(final); err == nil {
		return final, nil
	}
	slk, err := s.lockStore(ctx, false)
	if err != nil {
		return "", err
	}
	defer slk.unlock()
	if err := s.ensure(); err != nil {
		return "", err
	}
	lk, err := s.lockObject(ctx, "rootfs", id)
	if err != nil {
		return "", err
	}
	defer lk.unlock()
	if _, err := os.Stat(final); err == nil {
		return final, nil
	}
	if err := s.removeStale("rootfs-"+id+"-", ""); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(s.path(tmpDir), "rootfs-"+id+"-")
	if err != nil {
		return "", err
	}
	err = s.merge(ctx, img.Layers, tmp)
	if err == nil {
		err = syncTree(tmp)
	}
	if err == nil {
		err = os.Rename(tmp, final)
	}
	if err != nil {
		removeTree(tmp)
		return "", err
	}
	return final, nil
}

package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/sshell/sshell/run"
)

// Remove untags ref (for every platform it was pulled for; a digest
// reference also drops the digest records tags left), then collects what
// no remaining reference uses: layers, blobs, flattened roots, leftovers of
// dead Pulls. It wraps run.ErrImageNotFound when the store does not hold
// ref.
func (s *Store) Remove(ctx context.Context, ref string) error {
	if err := s.remove(ctx, ref); err != nil {
		return wrap(ctx, "removing", ref, err)
	}
	return nil
}

func (s *Store) remove(ctx context.Context, ref string) error {
	r, err := parseRef(ref)
	if err != nil {
		return err
	}
	lk, err := s.lockStore(ctx, true)
	if err != nil {
		return err
	}
	defer lk.unlock()
	recs, _, err := s.records()
	if err != nil {
		return err
	}
	found := false
	for key, rec := range recs {
		if rec.Name == r.Name() {
			if err := os.Remove(s.recordPath(key)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
			found = true
		}
	}
	if !found {
		return fmt.Errorf("%w: not in the store", run.ErrImageNotFound)
	}
	return s.collect()
}

// Collect removes what no reference uses any more without untagging
// anything: the layers of images whose tag moved on (their digest records
// go too, unless pulled by digest), flattened roots, leftovers of dead
// Pulls. Remove does it after untagging.
func (s *Store) Collect(ctx context.Context) error {
	lk, err := s.lockStore(ctx, true)
	if err != nil {
		return fmt.Errorf("collecting image store %q: %w", s.dir, err)
	}
	defer lk.unlock()
	if err := s.collect(); err != nil {
		return fmt.Errorf("collecting image store %q: %w", s.dir, err)
	}
	return nil
}

// collect removes what no record uses. The caller holds the store lock
// exclusively, so no Pull or Flatten is adding objects meanwhile.
func (s *Store) collect() error {
	recs, _, err := s.records()
	if err != nil {
		return err
	}
	// An alias lives while a reference of its own holds its digest.
	held := map[string]bool{}
	for _, rec := range recs {
		if !rec.Alias {
			held[rec.Image.Digest+" "+rec.Platform] = true
		}
	}
	keep := map[string]bool{} // hex digests of live layers, blobs and roots
	for key, rec := range recs {
		if rec.Alias && !held[rec.Image.Digest+" "+rec.Platform] {
			if err := os.Remove(s.recordPath(key)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
			continue
		}
		for _, d := range []string{rec.Image.Digest, rec.Image.Manifest, rec.Image.ID} {
			if h, err := hexOf(d); err == nil {
				keep[h] = true
			}
		}
		for _, l := range rec.Image.Layers {
			keep[filepath.Base(filepath.Dir(l))] = true
		}
	}
	var errs []error
	for _, dir := range []string{layersDir, rootfsDir, blobsDir} {
		ents, err := os.ReadDir(s.path(dir))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
		for _, e := range ents {
			if !keep[e.Name()] {
				errs = append(errs, s.discard(s.path(dir, e.Name())))
			}
		}
	}
	// With the store locked exclusively nobody waits on an object lock or
	// writes in tmp/.
	for _, dir := range []string{tmpDir, locksDir} {
		ents, _ := os.ReadDir(s.path(dir))
		for _, e := range ents {
			if dir == locksDir && (e.Name() == "store.lock" || !strings.HasSuffix(e.Name(), ".lock")) {
				continue
			}
			errs = append(errs, removeTree(s.path(dir, e.Name())))
		}
	}
	return errors.Join(errs...)
}

// discard makes an object disappear at once, by renaming it into tmp/,
// then deletes it: a half-deleted layer is never seen as complete.
func (s *Store) discard(p string) error {
	gone, err := os.MkdirTemp(s.path(tmpDir), "gc-")
	if err != nil {
		return err
	}
	if err := os.Rename(p, filepath.Join(gone, "x")); err != nil {
		os.Remove(gone)
		return err
	}
	return removeTree(gone)
}

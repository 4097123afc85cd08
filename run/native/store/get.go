package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"github.com/sshell/sshell/run"
)

// Get returns the image ref names locally, for platform ("" is the host's),
// without any network: it reads one small record. It wraps
// run.ErrImageNotFound when the store does not hold ref. A digest reference
// finds an image pulled by a tag that resolved to that digest.
func (s *Store) Get(ctx context.Context, ref, platform string) (*Image, error) {
	img, key, err := s.get(ref, platform)
	if err != nil {
		return nil, err
	}
	s.touch(key)
	return img, nil
}

// get is Get without the LastUsed update.
func (s *Store) get(ref, platform string) (*Image, string, error) {
	r, err := parseRef(ref)
	if err != nil {
		return nil, "", fmt.Errorf("looking up %q: %w: %w", ref, run.ErrImageNotFound, err)
	}
	_, plat, err := parsePlatform(platform)
	if err != nil {
		return nil, "", fmt.Errorf("looking up %q: %w", ref, err)
	}
	key := recordKey(r.Name(), plat)
	rec, err := s.readRecord(key)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", fmt.Errorf("looking up %q: %w: not in the store for %s", ref, run.ErrImageNotFound, plat)
	}
	if err != nil {
		return nil, "", fmt.Errorf("looking up %q: %w", ref, err)
	}
	img := rec.Image
	img.Ref = ref
	return &img, key, nil
}

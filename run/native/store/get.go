package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"github.com/google/go-containerregistry/pkg/name"

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
	_, plat, err := parsePlatform(platform)
	if err != nil {
		return nil, "", fmt.Errorf("looking up %q: %w", ref, err)
	}
	// A reference found in the store was checked in full when it was
	// pulled: only go-containerregistry's parse, which names its record,
	// is paid on every call, and Docker's whole grammar (parseRef: regular
	// expressions compiled on first use, half a millisecond) only on a
	// miss, for its precise error.
	r, err := name.ParseReference(ref)
	if err != nil {
		r, err = parseRef(ref)
	}
	if err != nil {
		return nil, "", fmt.Errorf("looking up %q: %w: %w", ref, run.ErrImageNotFound, err)
	}
	key := recordKey(r.Name(), plat)
	rec, err := s.readRecord(key)
	if errors.Is(err, fs.ErrNotExist) {
		if _, perr := parseRef(ref); perr != nil {
			return nil, "", fmt.Errorf("looking up %q: %w: %w", ref, run.ErrImageNotFound, perr)
		}
		return nil, "", fmt.Errorf("looking up %q: %w: not in the store for %s", ref, run.ErrImageNotFound, plat)
	}
	if err != nil {
		return nil, "", fmt.Errorf("looking up %q: %w", ref, err)
	}
	img := rec.Image
	img.Ref = ref
	return &img, key, nil
}

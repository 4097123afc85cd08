//go:build !lean

package store

import (
	"context"
	"errors"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
)

// Resolve asks the registry (its mirrors first) for the digest ref names
// now, without pulling: the digest Pull would record as Image.Digest. A
// digest reference resolves to itself. platform only has to be valid:
// the digest of a multi-platform image is its index's.
func (s *Store) Resolve(ctx context.Context, ref, platform string) (string, error) {
	d, err := s.resolve(ctx, ref, platform)
	if err != nil {
		return "", wrap(ctx, "resolving", ref, err)
	}
	return d, nil
}

func (s *Store) resolve(ctx context.Context, ref, platform string) (string, error) {
	r, err := parseRef(ref)
	if err != nil {
		return "", err
	}
	want, _, err := parsePlatform(platform)
	if err != nil {
		return "", err
	}
	if d, ok := r.(name.Digest); ok {
		return d.DigestStr(), nil
	}
	opts := s.remoteOptions(ctx, want)
	for _, src := range s.sources(r) {
		if d, herr := remote.Head(src, opts...); herr == nil {
			return d.Digest.String(), nil
		} else if ctx.Err() != nil {
			return "", ctx.Err()
		} else if !headUnsupported(herr) {
			err = herr
			continue
		}
		// Some registries answer HEAD badly: ask with GET.
		d, gerr := remote.Get(src, opts...)
		if gerr == nil {
			return d.Digest.String(), nil
		}
		err = gerr
	}
	return "", err
}

// headUnsupported is a HEAD that failed for a reason GET may not share:
// an HTTP answer other than a refusal or an absence.
func headUnsupported(err error) bool {
	var te *transport.Error
	if !errors.As(err, &te) {
		return false
	}
	switch te.StatusCode {
	case 401, 403, 404:
		return false
	}
	return true
}

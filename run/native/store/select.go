//go:build !lean

package store

import (
	"fmt"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/sshell/sshell/run"
)

// selectImage picks the image for platform p out of an index, or checks a
// single image's platform when it was asked for explicitly. Docker only
// warns when a single image's platform differs from the host's, so does
// this (by accepting it) when no platform was given.
func (s *Store) selectImage(desc *remote.Descriptor, p v1.Platform, explicit bool) (v1.Image, error) {
	switch {
	case desc.MediaType.IsIndex():
		idx, err := desc.ImageIndex()
		if err != nil {
			return nil, err
		}
		im, err := idx.IndexManifest()
		if err != nil {
			return nil, err
		}
		var have []string
		for _, m := range im.Manifests {
			if m.Platform == nil || !m.MediaType.IsImage() {
				continue
			}
			if m.Platform.Satisfies(p) {
				return idx.Image(m.Digest)
			}
			have = append(have, platformString(*m.Platform))
		}
		return nil, fmt.Errorf("%w: no image for %s in the index (it has %s)", run.ErrImageNotFound, platformString(p), strings.Join(have, ", "))
	case desc.MediaType.IsImage():
		img, err := desc.Image()
		if err != nil {
			return nil, err
		}
		if explicit {
			cf, err := img.ConfigFile()
			if err != nil {
				return nil, err
			}
			if cf.OS != "" && !cf.Platform().Satisfies(p) {
				return nil, fmt.Errorf("%w: the image is for %s, not %s", run.ErrImageNotFound, platformString(*cf.Platform()), platformString(p))
			}
		}
		return img, nil
	}
	return nil, fmt.Errorf("unsupported manifest type %q", desc.MediaType)
}

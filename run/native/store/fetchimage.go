//go:build !lean

package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"golang.org/x/sync/errgroup"
)

// fetchImage stores vimg's manifest and config and makes its layers
// present, several at once.
func (s *Store) fetchImage(ctx context.Context, vimg v1.Image, st *PullStats, progress io.Writer) (*Image, error) {
	raw, err := vimg.RawManifest()
	if err != nil {
		return nil, err
	}
	mdig, err := vimg.Digest()
	if err != nil {
		return nil, err
	}
	m, err := vimg.Manifest()
	if err != nil {
		return nil, err
	}
	if err := s.putBlob(mdig.String(), raw); err != nil {
		return nil, err
	}
	if m.Config.Size > maxConfigSize {
		return nil, fmt.Errorf("image config of %d bytes: more than the %d allowed", m.Config.Size, maxConfigSize)
	}
	cfgRaw, err := s.readBlob(m.Config.Digest.String())
	if err != nil {
		if cfgRaw, err = vimg.RawConfigFile(); err != nil {
			return nil, err
		}
		st.Bytes += int64(len(cfgRaw))
		st.Fetched = true
		if err := s.putBlob(m.Config.Digest.String(), cfgRaw); err != nil {
			return nil, err
		}
	}
	cf, err := v1.ParseConfigFile(bytes.NewReader(cfgRaw))
	if err != nil {
		return nil, fmt.Errorf("reading image config: %w", err)
	}
	if len(cf.RootFS.DiffIDs) != len(m.Layers) {
		return nil, fmt.Errorf("image has %d layers but its config lists %d diff IDs", len(m.Layers), len(cf.RootFS.DiffIDs))
	}

	metas := make([]*layerMeta, len(m.Layers))
	var mu sync.Mutex
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(parallelLayers)
	for i, ld := range m.Layers {
		g.Go(func() error {
			l, err := vimg.LayerByDigest(ld.Digest)
			if err != nil {
				return err
			}
			meta, n, err := s.ensureLayer(gctx, l, ld.Digest, cf.RootFS.DiffIDs[i], progress)
			mu.Lock()
			defer mu.Unlock()
			st.Bytes += n
			st.Fetched = st.Fetched || n > 0
			metas[i] = meta
			return err
		})
	}
	if err := g.Wait(); err != nil {
		if ctx.Err() != nil {
			return nil, errors.Join(ctx.Err(), err)
		}
		return nil, err
	}

	img := &Image{
		Manifest: mdig.String(),
		ID:       m.Config.Digest.String(),
		Config: Config{
			Entrypoint: cf.Config.Entrypoint, Cmd: cf.Config.Cmd, Env: cf.Config.Env,
			WorkingDir: cf.Config.WorkingDir, User: cf.Config.User, Labels: cf.Config.Labels,
			StopSignal: cf.Config.StopSignal,
		},
	}
	if p := cf.Platform(); p != nil {
		img.Platform = platformString(*p)
	}
	for _, meta := range metas {
		h, err := hexOf(meta.DiffID)
		if err != nil {
			return nil, err
		}
		img.Layers = append(img.Layers, s.path(layersDir, h, "diff"))
		img.Size += meta.Size
	}
	return img, nil
}

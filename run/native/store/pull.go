package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/sshell/sshell/run"
	"golang.org/x/sync/errgroup"
)

// parallelLayers is how many layers one Pull fetches and unpacks at once
// (Docker's default is 3 downloads).
const parallelLayers = 3

// maxConfigSize bounds an image config, which is read whole into memory
// (real ones are a few KB; containerd allows manifests 4 MiB).
const maxConfigSize = 16 << 20

// Pull resolves ref (a tag or a digest) at the registry (its mirrors
// first) for platform ("" is the host's runtime.GOOS/GOARCH), fetches what
// the store lacks, unpacks it, records ref and returns the image. A digest
// reference the store already holds needs no network. progress, when not
// nil, gets a line per layer fetched.
func (s *Store) Pull(ctx context.Context, ref, platform string, progress io.Writer) (*Image, PullStats, error) {
	img, st, err := s.pull(ctx, ref, platform, progress)
	if err != nil {
		return nil, st, wrap(ctx, "pulling", ref, err)
	}
	return img, st, nil
}

func (s *Store) pull(ctx context.Context, ref, platform string, progress io.Writer) (*Image, PullStats, error) {
	var st PullStats
	r, err := parseRef(ref)
	if err != nil {
		return nil, st, err
	}
	want, plat, err := parsePlatform(platform)
	if err != nil {
		return nil, st, err
	}
	key := recordKey(r.Name(), plat)
	lk, err := s.lockStore(ctx, false)
	if err != nil {
		return nil, st, err
	}
	defer lk.unlock()
	if err := s.ensure(); err != nil {
		return nil, st, err
	}
	if _, ok := r.(name.Digest); ok {
		if rec, err := s.readRecord(key); err == nil && s.complete(&rec.Image) {
			// Content behind a digest never changes: hold it as a
			// reference of its own now.
			if rec.Alias {
				rec.Alias = false
				if err := s.writeRecord(key, rec); err != nil {
					return nil, st, err
				}
			}
			s.touch(key)
			img := rec.Image
			img.Ref = ref
			return &img, st, nil
		}
	}

	opts := s.remoteOptions(ctx, want)
	desc, err := s.fetchDescriptor(ctx, r, opts)
	if err != nil {
		return nil, st, err
	}
	st.Bytes += int64(len(desc.Manifest))
	if rec, err := s.readRecord(key); err == nil && rec.Image.Digest == desc.Digest.String() && s.complete(&rec.Image) {
		// Up to date: nothing more to ask the registry.
		s.touch(key)
		img := rec.Image
		img.Ref = ref
		return &img, st, nil
	}
	progress = syncWriter(progress)
	vimg, err := s.selectImage(desc, want, platform != "")
	if err != nil {
		return nil, st, err
	}
	img, err := s.fetchImage(ctx, vimg, &st, progress)
	if err != nil {
		return nil, st, err
	}
	img.Digest = desc.Digest.String()
	if desc.MediaType.IsIndex() {
		if err := s.putBlob(img.Digest, desc.Manifest); err != nil {
			return nil, st, err
		}
	}
	rec := &record{Name: r.Name(), Platform: plat, Image: *img}
	if err := s.writeRecord(key, rec); err != nil {
		return nil, st, err
	}
	if err := s.writeAlias(r, plat, img); err != nil {
		return nil, st, err
	}
	out := *img
	out.Ref = ref
	return &out, st, nil
}

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

// writeAlias records repo@digest beside a tag, so Get by digest finds the
// image offline; an explicit record of that digest is left as it is.
func (s *Store) writeAlias(r name.Reference, plat string, img *Image) error {
	if _, ok := r.(name.Tag); !ok {
		return nil
	}
	d := r.Context().Digest(img.Digest)
	key := recordKey(d.Name(), plat)
	if rec, err := s.readRecord(key); err == nil && !rec.Alias {
		return nil
	}
	return s.writeRecord(key, &record{Name: d.Name(), Platform: plat, Alias: true, Image: *img})
}

// complete reports whether every layer of img is unpacked.
func (s *Store) complete(img *Image) bool {
	for _, l := range img.Layers {
		if _, err := os.Stat(filepath.Join(filepath.Dir(l), "layer.json")); err != nil {
			return false
		}
	}
	return true
}

// syncWriter serialises writes to w, which layers pulled in parallel share.
func syncWriter(w io.Writer) io.Writer {
	if w == nil {
		return nil
	}
	return &lockedWriter{w: w}
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

//go:build !lean

package store

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/google/go-containerregistry/pkg/name"
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

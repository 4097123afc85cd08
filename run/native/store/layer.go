package store

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// layerDir is where the layer with diff ID hex is unpacked: the directory
// holds layer.json and diff/, the layer's tree.
func (s *Store) layerDir(hex string) string { return s.path(layersDir, hex) }

func readLayerMeta(dir string) (*layerMeta, error) {
	b, err := os.ReadFile(filepath.Join(dir, "layer.json"))
	if err != nil {
		return nil, err
	}
	var m layerMeta
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	return &m, nil
}

// ensureLayer makes the layer with diffID present, unpacked, under
// layers/: at once when it is there (another image's, or a concurrent
// Pull's), else by fetching l. It returns the layer's record and the
// compressed bytes fetched.
func (s *Store) ensureLayer(ctx context.Context, l v1.Layer, digest, diffID v1.Hash, progress io.Writer) (*layerMeta, int64, error) {
	final := s.layerDir(diffID.Hex)
	if m, err := readLayerMeta(final); err == nil {
		return m, 0, nil
	}
	lk, err := s.lockObject(ctx, "layer", diffID.Hex)
	if err != nil {
		return nil, 0, err
	}
	defer lk.unlock()
	if m, err := readLayerMeta(final); err == nil {
		return m, 0, nil // unpacked by whoever held the lock before us
	}
	// Under the lock, anything left for this layer is a dead Pull's.
	if err := s.removeStale("layer-"+diffID.Hex+"-", final); err != nil {
		return nil, 0, err
	}
	tmp, err := os.MkdirTemp(s.path(tmpDir), "layer-"+diffID.Hex+"-")
	if err != nil {
		return nil, 0, err
	}
	m, n, err := s.unpackLayer(ctx, l, digest, diffID, tmp, progress)
	if err == nil {
		err = os.Rename(tmp, final)
	}
	if err != nil {
		removeTree(tmp)
		return nil, n, err
	}
	return m, n, nil
}

// unpackLayer streams the compressed blob of l into tmp/diff, verifying the
// blob's digest and the diff ID as it goes, then writes tmp/layer.json.
func (s *Store) unpackLayer(ctx context.Context, l v1.Layer, digest, diffID v1.Hash, tmp string, progress io.Writer) (*layerMeta, int64, error) {
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, 0, err
	}
	diff := filepath.Join(tmp, "diff")
	if err := os.Mkdir(diff, 0o755); err != nil {
		return nil, 0, err
	}
	rc, err := l.Compressed()
	if err != nil {
		return nil, 0, err
	}
	defer rc.Close()
	if progress != nil {
		if size, err := l.Size(); err == nil {
			fmt.Fprintf(progress, "%s: fetching %s\n", short(digest), humanBytes(size))
		}
	}
	blob := &hashingReader{r: rc, h: sha256.New()}
	br := bufio.NewReaderSize(blob, 1<<20)
	un, err := decompress(br)
	if err != nil {
		return nil, blob.n, fmt.Errorf("layer %s: %w", digest, err)
	}
	defer un.Close()
	tarStream := &hashingReader{r: un, h: sha256.New(), limit: s.maxLayer}
	m, err := extract(ctx, tarStream, diff, s.maxLayer)
	if err == nil {
		// Read both streams to their ends, so the digests cover them all
		// (a tar's end comes before its padding, a gzip's before EOF).
		_, err = io.Copy(io.Discard, tarStream)
	}
	if err == nil {
		_, err = io.Copy(io.Discard, br)
	}
	if err != nil {
		if errors.Is(err, ErrLayerTooLarge) {
			return nil, blob.n, fmt.Errorf("layer %s: %w (%d bytes)", digest, ErrLayerTooLarge, s.maxLayer)
		}
		return nil, blob.n, fmt.Errorf("layer %s: %w", digest, err)
	}
	if got := blob.digest(); got != digest.String() {
		return nil, blob.n, fmt.Errorf("layer %s: blob has digest %s", digest, got)
	}
	if got := tarStream.digest(); got != diffID.String() {
		return nil, blob.n, fmt.Errorf("layer %s: content has diff ID %s, the config says %s", digest, got, diffID)
	}
	m.DiffID, m.Digest = diffID.String(), digest.String()
	b, err := json.Marshal(m)
	if err != nil {
		return nil, blob.n, err
	}
	if err := os.WriteFile(filepath.Join(tmp, "layer.json"), b, 0o644); err != nil {
		return nil, blob.n, err
	}
	if err := syncTree(tmp); err != nil {
		return nil, blob.n, err
	}
	if progress != nil {
		fmt.Fprintf(progress, "%s: unpacked %s\n", short(digest), humanBytes(m.Size))
	}
	return m, blob.n, nil
}

// hashingReader hashes and counts what is read through it and, with a
// limit, fails once more than limit bytes came.
type hashingReader struct {
	r     io.Reader
	h     hash.Hash
	n     int64
	limit int64
}

func (h *hashingReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	h.h.Write(p[:n])
	h.n += int64(n)
	if h.limit > 0 && h.n > h.limit {
		return n, ErrLayerTooLarge
	}
	return n, err
}

func (h *hashingReader) digest() string { return "sha256:" + hex.EncodeToString(h.h.Sum(nil)) }

// removeStale removes what dead Pulls left in tmp/ under prefix, and final
// when it is incomplete (no layer.json: not ours, since ours appear by
// rename only). The caller holds the object's lock.
func (s *Store) removeStale(prefix, final string) error {
	ents, err := os.ReadDir(s.path(tmpDir))
	if err != nil {
		return err
	}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), prefix) {
			if err := removeTree(s.path(tmpDir, e.Name())); err != nil {
				return err
			}
		}
	}
	if _, err := os.Lstat(final); err == nil {
		return removeTree(final)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// short is a digest's first 12 hex digits, as Docker shows layers.
func short(h v1.Hash) string {
	if len(h.Hex) > 12 {
		return h.Hex[:12]
	}
	return h.Hex
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

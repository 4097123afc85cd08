package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// Usage is the bytes the store's unpacked layers hold, each counted once
// however many images share it (Image.Size counts an image's layers, shared
// or not), plus its manifests and configs. Flattened roots are hard links
// into the layers and add nothing. It reads layers/*/layer.json: no walk.
func (s *Store) Usage(ctx context.Context) (int64, error) {
	var total int64
	ents, err := os.ReadDir(s.path(layersDir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, fmt.Errorf("measuring image store %q: %w", s.dir, err)
	}
	for _, e := range ents {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		if m, err := readLayerMeta(s.path(layersDir, e.Name())); err == nil {
			total += m.Size
		}
	}
	blobs, _ := os.ReadDir(s.path(blobsDir))
	for _, b := range blobs {
		if info, err := b.Info(); err == nil {
			total += info.Size()
		}
	}
	return total, nil
}

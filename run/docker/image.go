//go:build !lean

package docker

import "context"

// ImageSize returns the bytes the image ref takes on the daemon's disk;
// ok is false when the daemon does not hold it.
func (r *Runner) ImageSize(ctx context.Context, ref string) (size int64, ok bool, err error) {
	img, ok, err := r.inspect(ctx, ref)
	if err != nil || !ok {
		return 0, ok, err
	}
	return img.Size, true, nil
}

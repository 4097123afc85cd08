package native

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native/store"
)

// image makes spec's image present as spec.Pull says and records the pull
// in res: PullMissing looks in the store first, PullAlways fetches (the
// registry decides whether anything changed), PullNever only looks.
func (r *Runner) image(ctx context.Context, spec run.Spec, progress io.Writer, res *run.Result) (*store.Image, error) {
	began := time.Now()
	defer func() { res.Timing.Pull = time.Since(began) }()
	if spec.Pull != run.PullAlways {
		img, err := r.store.Get(ctx, spec.Image, spec.Platform)
		if err == nil || spec.Pull == run.PullNever || !errors.Is(err, run.ErrImageNotFound) {
			if err == nil {
				res.Digest = img.Digest
			}
			return img, err
		}
	}
	img, stats, err := r.store.Pull(ctx, spec.Image, spec.Platform, progress)
	res.Timing.Pulled, res.Timing.PullBytes = stats.Fetched, stats.Bytes
	if err != nil {
		return nil, err
	}
	res.Digest = img.Digest
	return img, nil
}

// root is where the sandbox finds img's root: its layers for overlayfs, or
// the store's flattened copy where overlayfs is unavailable (read-only
// only: it is shared).
func (r *Runner) root(ctx context.Context, spec run.Spec, img *store.Image) (layers []string, flat string, err error) {
	if r.overlay {
		return img.Layers, "", nil
	}
	if spec.ReadWriteRoot || spec.Privileged {
		return nil, "", fmt.Errorf("running %q: a writable root needs overlayfs, which is unavailable here", spec.Command)
	}
	flat, err = r.store.Flatten(ctx, img)
	return nil, flat, err
}

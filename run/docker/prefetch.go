//go:build !lean

package docker

import (
	"context"
	"io"
)

// Pull fetches ref from its registry now, whatever the daemon holds, and
// returns the registry digest the pull reported ("sha256:...").
func (r *Runner) Pull(ctx context.Context, ref string, progress io.Writer) (digest string, err error) {
	return r.PullPlatform(ctx, ref, "", progress)
}

// PullPlatform is Pull for platform ("os/arch[/variant]", as a manifest's
// platform names it; "" is the daemon's own), as a run of a Spec with
// that Platform pulls it.
func (r *Runner) PullPlatform(ctx context.Context, ref, platform string, progress io.Writer) (digest string, err error) {
	p, err := r.pull(ctx, ref, platform, progress)
	return p.digest, err
}

// ImageDigest returns the registry digest of the image the daemon holds as
// ref, from its RepoDigests (no registry request); ok is false when the
// daemon does not hold ref.
func (r *Runner) ImageDigest(ctx context.Context, ref string) (digest string, ok bool, err error) {
	img, ok, err := r.inspect(ctx, ref)
	if err != nil || !ok {
		return "", ok, err
	}
	return repoDigest(ref, img.RepoDigests), true, nil
}

//go:build !lean

package docker

import (
	"context"
	"fmt"
	"io"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/image"
	"github.com/sshell/sshell/run"
)

// ensureImage makes spec.Image present as spec.Pull says, timing the check
// and the pull into res.Timing. res.Digest is what the inspection or the
// pull reported, if anything: it costs no extra request.
func (r *Runner) ensureImage(ctx context.Context, spec run.Spec, progress io.Writer, res *run.Result) error {
	t := &res.Timing
	start := time.Now()
	defer func() { t.Pull = time.Since(start) }()
	if spec.Pull != run.PullAlways {
		img, present, err := r.inspect(ctx, spec.Image)
		present = present && onPlatform(img, spec.Platform) // another platform's image: pull this one
		if err != nil || present {
			res.Digest = repoDigest(spec.Image, img.RepoDigests)
			return err
		}
		if spec.Pull == run.PullNever {
			return fmt.Errorf("checking %q: %w locally and the pull policy is never",
				spec.Image, run.ErrImageNotFound)
		}
	}
	t.Pulled = true
	p, err := r.pull(ctx, spec.Image, spec.Platform, progress)
	t.PullBytes, res.Digest = p.bytes, p.digest
	return err
}

// present reports whether the daemon has the image.
func (r *Runner) present(ctx context.Context, ref string) (bool, error) {
	_, ok, err := r.inspect(ctx, ref)
	return ok, err
}

// inspect returns the daemon's view of the image, and whether it has it.
func (r *Runner) inspect(ctx context.Context, ref string) (image.InspectResponse, bool, error) {
	img, err := r.cli.ImageInspect(ctx, ref)
	switch {
	case err == nil:
		return img, true, nil
	case cerrdefs.IsNotFound(err):
		return img, false, nil
	}
	return img, false, wrap("inspecting image", ref, err)
}

// pull fetches ref, for platform ("": the daemon's), with the keychain's
// credentials for its registry and returns what the daemon reported of it.
func (r *Runner) pull(ctx context.Context, ref, platform string, progress io.Writer) (pulled, error) {
	auth, err := registryAuth(ctx, r.keychain, ref)
	if err != nil {
		return pulled{}, wrap("finding credentials for", ref, err)
	}
	body, err := r.cli.ImagePull(ctx, ref, image.PullOptions{RegistryAuth: auth, Platform: platform})
	if err != nil {
		return pulled{}, wrap("pulling", ref, err)
	}
	defer body.Close()
	p, err := readPullStream(body, progress)
	if err != nil {
		return p, wrap("pulling", ref, err)
	}
	return p, nil
}

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
// and the pull into t.
func (r *Runner) ensureImage(ctx context.Context, spec run.Spec, progress io.Writer, t *run.Timing) error {
	start := time.Now()
	defer func() { t.Pull = time.Since(start) }()
	if spec.Pull != run.PullAlways {
		present, err := r.present(ctx, spec.Image)
		if err != nil || present {
			return err
		}
		if spec.Pull == run.PullNever {
			return fmt.Errorf("checking %q: %w locally and the pull policy is never",
				spec.Image, run.ErrImageNotFound)
		}
	}
	t.Pulled = true
	n, err := r.pull(ctx, spec.Image, progress)
	t.PullBytes = n
	return err
}

// present reports whether the daemon has the image.
func (r *Runner) present(ctx context.Context, ref string) (bool, error) {
	_, err := r.cli.ImageInspect(ctx, ref)
	switch {
	case err == nil:
		return true, nil
	case cerrdefs.IsNotFound(err):
		return false, nil
	}
	return false, wrap("inspecting image", ref, err)
}

// pull fetches ref with the keychain's credentials for its registry and
// returns the bytes fetched (0 when the daemon did not say).
func (r *Runner) pull(ctx context.Context, ref string, progress io.Writer) (int64, error) {
	auth, err := registryAuth(ctx, r.keychain, ref)
	if err != nil {
		return 0, wrap("finding credentials for", ref, err)
	}
	body, err := r.cli.ImagePull(ctx, ref, image.PullOptions{RegistryAuth: auth})
	if err != nil {
		return 0, wrap("pulling", ref, err)
	}
	defer body.Close()
	n, err := readPull(body, progress)
	if err != nil {
		return n, wrap("pulling", ref, err)
	}
	return n, nil
}

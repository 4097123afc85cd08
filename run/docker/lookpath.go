//go:build !lean

package docker

import (
	"cmp"
	"context"
	"errors"
	"os"
	"path"
	"strings"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/container"
)

// defaultPath is the PATH Docker gives a container whose image sets none.
const defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// findExecutable looks for argv0 as execvp(3) does: a name with a slash
// is a path (relative to the working directory), a bare one is searched
// in PATH. An error means it found none but could not check them all.
func (r *Runner) findExecutable(ctx context.Context, id, argv0 string, cfg *container.Config) (bool, error) {
	if cfg == nil {
		cfg = &container.Config{}
	}
	var unsure error // a candidate the daemon could not stat (e.g. ENOTDIR)
	for _, p := range candidates(argv0, cfg.WorkingDir, envPath(cfg.Env)) {
		ok, err := r.executable(ctx, id, p, 8)
		if ok {
			return true, nil
		}
		unsure = cmp.Or(unsure, err)
	}
	return false, unsure
}

// candidates lists the paths execvp would try, as container paths.
func candidates(argv0, dir, pathList string) []string {
	dir = path.Join("/", dir)
	if argv0 == "" {
		return nil
	}
	if strings.Contains(argv0, "/") {
		return []string{within(dir, argv0)}
	}
	var c []string
	for _, d := range strings.Split(pathList, ":") {
		c = append(c, within(dir, path.Join(d, argv0)))
	}
	return c
}

// within resolves p against dir unless p is absolute.
func within(dir, p string) string {
	if path.IsAbs(p) {
		return path.Clean(p)
	}
	return path.Join(dir, p)
}

// envPath is PATH in env, or Docker's default.
func envPath(env []string) string {
	for i := len(env) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(env[i], "PATH="); ok {
			return v
		}
	}
	return defaultPath
}

// executable reports whether p is a file anybody may execute, following
// symbolic links (the daemon resolves each in the container's root).
func (r *Runner) executable(ctx context.Context, id, p string, links int) (bool, error) {
	st, err := r.cli.ContainerStatPath(ctx, id, p)
	switch {
	case cerrdefs.IsNotFound(err) || errors.Is(err, os.ErrNotExist):
		return false, nil
	case err != nil:
		return false, err
	case st.Mode&os.ModeSymlink != 0 && st.LinkTarget != "" && links > 0:
		return r.executable(ctx, id, st.LinkTarget, links-1)
	}
	return st.Mode.IsRegular() && st.Mode.Perm()&0o111 != 0, nil
}

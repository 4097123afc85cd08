package sandbox

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// mountRoot mounts the root file system at root: an overlay whose lower
// layers are skel (the mount points) above the image's layers, read-only
// unless cfg asks for a throwaway upper on a tmpfs. With cfg.Flat, that
// flattened copy is bound instead (mount points are made in it after the
// pivot, and it is made read-only then).
func mountRoot(cfg *Config, root string) error {
	if cfg.Flat != "" && cfg.Ready != "" {
		return errors.New("a ready sandbox needs overlayfs: the call's mount point is made in its upper layer")
	}
	if cfg.Flat != "" {
		if err := unix.Mount(cfg.Flat, root, "", unix.MS_BIND|unix.MS_REC, ""); err != nil {
			return fmt.Errorf("binding the root %s: %w", cfg.Flat, err)
		}
		return nil
	}
	opts, err := overlayOptions(cfg)
	if err != nil {
		return err
	}
	if err := unix.Mount("overlay", root, "overlay", 0, opts); err != nil {
		return fmt.Errorf("mounting the image's layers (overlay %s): %w", opts, err)
	}
	return nil
}

// overlayOptions are the overlay's options. The mount data is limited to a
// page, so the layers are named relative to their common parent, which
// becomes the working directory (as Docker's overlay2 shortens them).
func overlayOptions(cfg *Config) (string, error) {
	parent := cfg.State
	if len(cfg.Layers) > 0 {
		parent = commonDir(cfg.Layers)
	}
	lower := []string{filepath.Join(cfg.State, "skel")}
	for i := len(cfg.Layers) - 1; i >= 0; i-- {
		l := cfg.Layers[i]
		if rel, ok := strings.CutPrefix(l, parent+"/"); ok && parent != "/" {
			l = rel
		}
		if strings.ContainsAny(l, ":,") {
			return "", fmt.Errorf("layer directory %q: overlayfs cannot name it", l)
		}
		lower = append(lower, l)
	}
	if err := os.Chdir(parent); err != nil {
		return "", fmt.Errorf("entering the layers' directory: %w", err)
	}
	opts := "lowerdir=" + strings.Join(lower, ":")
	if cfg.ReadWriteRoot || cfg.Ready != "" { // a ready root is made read-only once the call's mount point is made
		upper, err := throwawayUpper(cfg)
		if err != nil {
			return "", err
		}
		opts += ",upperdir=" + upper + "/upper,workdir=" + upper + "/work"
	}
	if len(opts) >= os.Getpagesize() {
		return "", fmt.Errorf("the image has too many layers (%d) for one overlay mount", len(cfg.Layers))
	}
	return opts, nil
}

// commonDir is the deepest directory holding all of paths.
func commonDir(paths []string) string {
	dir := filepath.Dir(paths[0])
	for _, p := range paths[1:] {
		for dir != "/" && !strings.HasPrefix(p, dir+"/") {
			dir = filepath.Dir(dir)
		}
	}
	return dir
}

// throwawayUpper mounts a tmpfs (in the init's mount namespace: it goes
// away with it) holding the overlay's upper and work directories.
func throwawayUpper(cfg *Config) (string, error) {
	dir := filepath.Join(cfg.State, "rw")
	if err := unix.Mount("tmpfs", dir, "tmpfs", unix.MS_NOSUID|unix.MS_NODEV, "mode=755"); err != nil {
		return "", fmt.Errorf("mounting the writable layer: %w", err)
	}
	for _, d := range []string{"upper", "work"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			return "", fmt.Errorf("making the writable layer: %w", err)
		}
	}
	return dir, nil
}

// finishRoot makes a bound flat root read-only once its mount points are
// made: it is the store's, shared, so it is never writable (the runner
// refuses ReadWriteRoot without overlayfs). An overlay without upper is
// read-only by itself.
func finishRoot(cfg *Config) error {
	if cfg.Flat == "" {
		return nil // read-only by itself, or writable on purpose
	}
	err := unix.Mount("", "/", "", unix.MS_REMOUNT|unix.MS_BIND|unix.MS_RDONLY, "")
	if err != nil && !errors.Is(err, unix.EPERM) {
		return fmt.Errorf("making the root read-only: %w", err)
	}
	if err != nil { // a user namespace must keep the locked flags: add to them
		return unix.Mount("", "/", "", unix.MS_REMOUNT|unix.MS_BIND|unix.MS_RDONLY|unix.MS_NOSUID|unix.MS_NODEV, "")
	}
	return nil
}

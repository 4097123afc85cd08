package sandbox

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// setup builds the tool's world: it runs in the init, in its new mount
// namespace, still seeing the host's files until the pivot.
func setup(cfg *Config) error {
	if err := build(cfg, nil); err != nil {
		return err
	}
	if err := os.Chdir(cfg.Dir); err != nil {
		return fmt.Errorf("entering the working directory %s: %w", cfg.Dir, err)
	}
	return nil
}

// build builds the tool's world but its working directory. beforePivot,
// when set, runs while the host's files are still in view (a ready
// sandbox takes its socket and its copy of the host's tree there).
func build(cfg *Config, beforePivot func() error) error {
	syscall.Umask(0)
	defer syscall.Umask(0o022)
	if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
		return fmt.Errorf("making mounts private: %w", err)
	}
	root := filepath.Join(cfg.State, "root")
	if err := mountRoot(cfg, root); err != nil {
		return err
	}
	// Before the pivot: in a user namespace the kernel lets /proc be
	// mounted only where a whole one is visible already (the host's).
	if err := mountProc(root); err != nil {
		return err
	}
	trees, err := openBinds(cfg)
	if err != nil {
		return err
	}
	defer trees.close()
	if beforePivot != nil {
		if err := beforePivot(); err != nil {
			return err
		}
	}
	if err := pivot(root); err != nil {
		return err
	}
	if err := mountSystem(cfg, trees); err != nil {
		return err
	}
	if err := trees.attach(); err != nil {
		return err
	}
	if !cfg.Privileged {
		if err := maskProc(); err != nil {
			return err
		}
	}
	if err := finishRoot(cfg); err != nil {
		return err
	}
	if err := unix.Sethostname([]byte(hostname(cfg.ID))); err != nil {
		return fmt.Errorf("setting the hostname: %w", err)
	}
	if !cfg.HostNetwork {
		return loopbackUp()
	}
	return nil
}

// hostname is the run's short id, as Docker's container hostnames.
func hostname(id string) string { return id[:min(len(id), 12)] }

// pivot makes root the root and detaches the host's.
func pivot(root string) error {
	if err := os.Chdir(root); err != nil {
		return fmt.Errorf("entering the root: %w", err)
	}
	// pivot_root(".", "."): the old root ends up mounted over the new one,
	// and is then detached; no directory for it is needed in the image.
	if err := unix.PivotRoot(".", "."); err != nil {
		return fmt.Errorf("pivot_root: %w", err)
	}
	if err := unix.Unmount(".", unix.MNT_DETACH); err != nil {
		return fmt.Errorf("detaching the host's root: %w", err)
	}
	return os.Chdir("/")
}

// loopbackUp brings up lo in the new network namespace, as Docker's none.
func loopbackUp() error {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return fmt.Errorf("bringing lo up: %w", err)
	}
	defer unix.Close(fd)
	ifr, err := unix.NewIfreq("lo")
	if err != nil {
		return err
	}
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFFLAGS, ifr); err != nil {
		return fmt.Errorf("bringing lo up: %w", err)
	}
	ifr.SetUint16(ifr.Uint16() | unix.IFF_UP)
	if err := unix.IoctlIfreq(fd, unix.SIOCSIFFLAGS, ifr); err != nil {
		return fmt.Errorf("bringing lo up: %w", err)
	}
	return nil
}

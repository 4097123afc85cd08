package sandbox

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// A device node of the minimal /dev.
type device struct {
	name         string
	major, minor uint32
}

var devices = []device{{"null", 1, 3}, {"zero", 1, 5}, {"full", 1, 7},
	{"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0}}

// Docker's masked and read-only paths of /proc (moby's oci defaults).
var (
	maskedFiles = []string{"/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
		"/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug"}
	maskedDirs    = []string{"/proc/asound", "/proc/acpi", "/proc/scsi"}
	readOnlyPaths = []string{"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"}
)

// mountProc mounts /proc for the new pid namespace in root, before the
// pivot. The mount point must be a directory of root's own: skel's, or,
// in a flattened root, one made here (never a symbolic link, which would
// lead out of root while the host's root is still ours).
func mountProc(root string) error {
	target := filepath.Join(root, "proc")
	st, err := os.Lstat(target)
	switch {
	case errors.Is(err, os.ErrNotExist):
		err = os.Mkdir(target, 0o555)
	case err == nil && !st.IsDir():
		err = fmt.Errorf("/proc in the image is not a directory")
	}
	if err != nil {
		return fmt.Errorf("making /proc: %w", err)
	}
	if err := unix.Mount("proc", target, "proc", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, ""); err != nil {
		return fmt.Errorf("mounting /proc: %w", err)
	}
	return nil
}

// mountSystem mounts, inside the new root, the bounded tmpfs at /tmp and
// the minimal /dev.
func mountSystem(cfg *Config, ts trees) error {
	if !targets(ts, "/tmp") {
		opts := "mode=1777"
		if cfg.Tmp > 0 {
			opts += ",size=" + strconv.FormatInt(cfg.Tmp, 10)
		}
		if err := mountAt("tmpfs", "/tmp", "tmpfs", unix.MS_NOSUID|unix.MS_NODEV, opts); err != nil {
			return err
		}
	}
	if cfg.Privileged {
		return nil // the host's /dev is among the trees; /proc stays whole
	}
	return mountDev(cfg)
}

// targets reports that one of ts mounts at p.
func targets(ts trees, p string) bool {
	for _, t := range ts {
		if t.target == p {
			return true
		}
	}
	return false
}

func mountAt(source, target, fstype string, flags uintptr, data string) error {
	if err := mountPoint(target, false); err != nil {
		return err
	}
	if err := unix.Mount(source, target, fstype, flags, data); err != nil {
		return fmt.Errorf("mounting %s at %s: %w", fstype, target, err)
	}
	return nil
}

// mountDev makes the minimal /dev: the usual character devices (bound from
// the host in a user namespace, by openBinds), a private devpts, /dev/shm
// and the /proc/self/fd links.
func mountDev(cfg *Config) error {
	if err := mountAt("tmpfs", "/dev", "tmpfs", unix.MS_NOSUID|unix.MS_NOEXEC, "mode=755,size=65536"); err != nil {
		return err
	}
	if !cfg.UserNS {
		for _, d := range devices {
			if err := unix.Mknod("/dev/"+d.name, unix.S_IFCHR|0o666, int(unix.Mkdev(d.major, d.minor))); err != nil {
				return fmt.Errorf("making /dev/%s: %w", d.name, err)
			}
		}
	}
	if err := mountAt("devpts", "/dev/pts", "devpts", unix.MS_NOSUID|unix.MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620"); err != nil {
		return err
	}
	if err := mountAt("shm", "/dev/shm", "tmpfs", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, "mode=1777,size=67108864"); err != nil {
		return err
	}
	links := [][2]string{{"pts/ptmx", "/dev/ptmx"}, {"/proc/self/fd", "/dev/fd"},
		{"/proc/self/fd/0", "/dev/stdin"}, {"/proc/self/fd/1", "/dev/stdout"}, {"/proc/self/fd/2", "/dev/stderr"}}
	for _, l := range links {
		if err := os.Symlink(l[0], l[1]); err != nil {
			return fmt.Errorf("making /dev: %w", err)
		}
	}
	return nil
}

// maskProc hides (after the binds: /dev/null may be one) what Docker hides of /proc (/dev/null over files, an empty
// read-only tmpfs over directories) and makes the kernel's knobs read-only.
func maskProc() error {
	// No stat first: a lookup in /proc costs as much as the mount, and a
	// path this kernel lacks just fails with ENOENT.
	for _, p := range maskedFiles {
		if err := unix.Mount("/dev/null", p, "", unix.MS_BIND, ""); err != nil && !errors.Is(err, unix.ENOENT) {
			return fmt.Errorf("masking %s: %w", p, err)
		}
	}
	for _, p := range maskedDirs {
		if err := unix.Mount("tmpfs", p, "tmpfs", unix.MS_RDONLY, "size=0"); err != nil && !errors.Is(err, unix.ENOENT) {
			return fmt.Errorf("masking %s: %w", p, err)
		}
	}
	for _, p := range readOnlyPaths {
		if err := unix.Mount(p, p, "", unix.MS_BIND|unix.MS_REC, ""); err != nil {
			continue // absent here
		}
		flags := uintptr(unix.MS_BIND | unix.MS_REMOUNT | unix.MS_RDONLY | unix.MS_NOSUID | unix.MS_NODEV | unix.MS_NOEXEC)
		if err := unix.Mount(p, p, "", flags, ""); err != nil {
			return fmt.Errorf("making %s read-only: %w", path.Clean(p), err)
		}
	}
	return nil
}

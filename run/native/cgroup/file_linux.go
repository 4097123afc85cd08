package cgroup

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// writeFile writes s to an existing cgroup file with exactly one open, one
// write and one close. os.WriteFile would also try to register the kernfs
// file with the runtime poller (it supports poll), which costs two more
// system calls on the hot path.
func writeFile(path, s string) error {
	fd, err := unix.Open(path, unix.O_WRONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	_, werr := unix.Write(fd, []byte(s))
	cerr := unix.Close(fd)
	if werr != nil {
		return fmt.Errorf("writing %q to %s: %w", s, path, werr)
	}
	if cerr != nil {
		return fmt.Errorf("closing %s: %w", path, cerr)
	}
	return nil
}

// readFile reads a small cgroup file (the kernel produces its content in
// one go) with one open, a read or two and one close.
func readFile(path string) ([]byte, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	defer unix.Close(fd)
	buf := make([]byte, 0, 4096)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := unix.Read(fd, buf[len(buf):cap(buf)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", path, err)
		}
		if n == 0 {
			return buf, nil
		}
		buf = buf[:len(buf)+n]
	}
}

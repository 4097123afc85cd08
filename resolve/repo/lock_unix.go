//go:build unix

package repo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lock takes the store's lock file, so that one process at a time changes
// the repos. With wait false it gives up at once when another holds it
// (ok false). The lock goes with the process, even if it dies.
func (s Store) lock(wait bool) (unlock func(), ok bool, err error) {
	if err := os.MkdirAll(s.Root, 0o755); err != nil {
		return nil, false, fmt.Errorf("locking the team repos: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(s.Root, "repos.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, false, fmt.Errorf("locking the team repos: %w", err)
	}
	how := syscall.LOCK_EX
	if !wait {
		how |= syscall.LOCK_NB
	}
	err = syscall.Flock(int(f.Fd()), how)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		f.Close()
		return nil, false, nil
	}
	if err != nil {
		f.Close()
		return nil, false, fmt.Errorf("locking the team repos: %w", err)
	}
	return func() { f.Close() }, true, nil
}

//go:build unix

package cache

import (
	"fmt"
	"os"
	"syscall"
)

// lockWait takes an exclusive flock on path, waiting for it. It is held for
// a read and a rename of a small file only.
func lockWait(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening the lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	return func() { f.Close() }, nil
}

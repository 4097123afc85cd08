package store

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// A flock-style lock on a file under locks/: held by one Store call in one
// process at a time (exclusive) or by many (shared), released by the kernel
// when the process dies, so a kill -9 never leaves a lock behind.
type fileLock struct{ f *os.File }

// lockFile takes the lock on path, waiting while another holder has it,
// until ctx ends. The kernel call never blocks: it is retried with a short
// back-off, so that a cancelled context stops the wait.
func lockFile(ctx context.Context, path string, exclusive bool) (*fileLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if errors.Is(err, fs.ErrNotExist) {
		// After a Purge: the store comes back on first use.
		if err = os.MkdirAll(filepath.Dir(path), 0o755); err == nil {
			f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		}
	}
	if err != nil {
		return nil, err
	}
	wait := time.Millisecond
	for {
		ok, err := tryLock(f, exclusive)
		if err != nil {
			f.Close()
			return nil, err
		}
		if ok {
			return &fileLock{f}, nil
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 50*time.Millisecond)
	}
}

// unlock releases the lock (closing the file releases it).
func (l *fileLock) unlock() { l.f.Close() }

// lockObject takes the exclusive lock of one object (a layer, a blob, a
// rootfs) named kind-hex.
func (s *Store) lockObject(ctx context.Context, kind, hex string) (*fileLock, error) {
	return lockFile(ctx, s.path(locksDir, kind+"-"+hex+".lock"), true)
}

// lockStore takes the store-wide lock: shared for a Pull or a Flatten,
// which add objects, exclusive for a collection or a Purge, which remove
// them, so that a collection never removes what a Pull is about to record.
func (s *Store) lockStore(ctx context.Context, exclusive bool) (*fileLock, error) {
	p := s.path(locksDir, "store.lock")
	for {
		lk, err := lockFile(ctx, p, exclusive)
		if err != nil {
			return nil, err
		}
		// A Purge may have removed the file while we waited: a lock on
		// the removed file excludes nobody who comes later.
		held, err1 := lk.f.Stat()
		cur, err2 := os.Stat(p)
		if err1 == nil && err2 == nil && os.SameFile(held, cur) {
			return lk, nil
		}
		lk.unlock()
	}
}

package cache

import (
	"fmt"
	"os"
)

// rotateIfFull renames the log to Path.1 once f, just appended to, has grown
// past the limit. Rotation is done under an exclusive lock on Path.lock,
// and the size is checked again under it: two processes that both see a
// full log rotate it once, and never rename a fresh log over the older
// records in Path.1. A process that cannot take the lock at once leaves the
// rotation to the one that holds it, so an append never waits.
//
// A process that opened the log before the rename still appends to the
// renamed file; its record lands in Path.1, which Read reads too.
func (l *Log) rotateIfFull(f *os.File) error {
	fi, err := f.Stat()
	if err != nil || fi.Size() <= l.maxBytes() {
		return err
	}
	unlock, ok, err := tryLock(l.Path + ".lock")
	if err != nil || !ok {
		return err
	}
	defer unlock()
	cur, err := os.Stat(l.Path)
	if err != nil || cur.Size() <= l.maxBytes() {
		return nil // another process rotated it in the meantime
	}
	if err := os.Rename(l.Path, l.Path+".1"); err != nil {
		return fmt.Errorf("rotating the call log: %w", err)
	}
	return nil
}

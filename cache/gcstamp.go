package cache

import (
	"os"
	"path/filepath"
	"time"

	"github.com/adrg/xdg"
)

// GCEvery is how often, at most, a call starts a background gc.
const GCEvery = time.Hour

// GCStamp is the file whose modification time is the last background gc's
// start: $XDG_STATE_HOME/sshell/gc.stamp.
func GCStamp() string { return filepath.Join(xdg.StateHome, "sshell", "gc.stamp") }

// GCDue says whether a background gc should start at now: the stamp is
// missing or older than every. When due, the stamp is set to now first, so
// that concurrent calls start one gc, not one each. It costs a call one
// stat, and a write once an hour.
func GCDue(stamp string, now time.Time, every time.Duration) bool {
	if fi, err := os.Stat(stamp); err == nil && now.Sub(fi.ModTime()) < every && !fi.ModTime().After(now) {
		return false
	}
	f, err := os.OpenFile(stamp, os.O_WRONLY|os.O_CREATE, 0o600)
	if err != nil {
		return false
	}
	f.Close()
	return os.Chtimes(stamp, now, now) == nil
}

// LockGC takes the gc lock, a flock on the existing stamp, without
// waiting: ok is false when another gc holds it.
func LockGC(stamp string) (unlock func(), ok bool, err error) {
	if _, err := os.Stat(stamp); err != nil {
		return nil, false, err
	}
	return tryLock(stamp)
}

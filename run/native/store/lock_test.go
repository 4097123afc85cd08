package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestLockExcludesAndHonoursContext(t *testing.T) {
	p := filepath.Join(t.TempDir(), "locks", "x.lock") // the directory comes on demand
	held, err := lockFile(context.Background(), p, true)
	if err != nil {
		t.Fatal(err)
	}
	// Another open file description (as another process would have)
	// waits, until its context ends.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := lockFile(ctx, p, true); !errors.Is(err, context.Canceled) {
		t.Fatalf("exclusive lock while held: %v, want context.Canceled", err)
	}
	if _, err := lockFile(ctx, p, false); !errors.Is(err, context.Canceled) {
		t.Fatalf("shared lock while held exclusively: %v, want context.Canceled", err)
	}
	held.unlock()
	a, err := lockFile(context.Background(), p, false)
	if err != nil {
		t.Fatal(err)
	}
	b, err := lockFile(context.Background(), p, false)
	if err != nil {
		t.Fatalf("second shared lock: %v", err)
	}
	if _, err := lockFile(ctx, p, true); !errors.Is(err, context.Canceled) {
		t.Fatalf("exclusive lock while shared: %v, want context.Canceled", err)
	}
	a.unlock()
	b.unlock()
	c, err := lockFile(context.Background(), p, true)
	if err != nil {
		t.Fatal(err)
	}
	c.unlock()
}

func TestStoreLockFollowsThePurgedFile(t *testing.T) {
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		t.Skip("needs /proc/self/fd to see the waiter open the lock file")
	}
	s := openTest(t)
	ctx := context.Background()
	p := s.path(locksDir, "store.lock")
	old, err := lockFile(ctx, p, true)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan *fileLock)
	go func() {
		lk, err := s.lockStore(ctx, true)
		if err != nil {
			t.Error(err)
		}
		got <- lk
	}()
	// Once the waiter has the old file open, a Purge removes it and a
	// newcomer locks the new one.
	for openCount(t, p) < 2 {
		runtime.Gosched()
	}
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	newcomer, err := lockFile(ctx, p, true)
	if err != nil {
		t.Fatal(err)
	}
	old.unlock()      // the waiter gets the old file's lock: worth nothing
	newcomer.unlock() // then the new file's
	lk := <-got
	defer lk.unlock()
	held, _ := lk.f.Stat()
	cur, err := os.Stat(p)
	if err != nil || !os.SameFile(held, cur) {
		t.Fatalf("lockStore returned holding a file other than store.lock (%v)", err)
	}
}

// openCount is how many of this process's descriptors have path open.
func openCount(t *testing.T, path string) int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range ents {
		if target, err := os.Readlink("/proc/self/fd/" + e.Name()); err == nil && target == path {
			n++
		}
	}
	return n
}

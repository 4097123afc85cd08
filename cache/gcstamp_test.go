package cache

import (
	"path/filepath"
	"testing"
	"time"
)

func TestGCDue(t *testing.T) {
	stamp := filepath.Join(t.TempDir(), "gc.stamp")
	if !GCDue(stamp, clock0, time.Hour) {
		t.Fatal("no stamp: want due")
	}
	if GCDue(stamp, clock0.Add(59*time.Minute), time.Hour) {
		t.Error("59m later: want not due")
	}
	if !GCDue(stamp, clock0.Add(61*time.Minute), time.Hour) {
		t.Error("61m later: want due")
	}
	unlock, ok, err := LockGC(stamp)
	if err != nil || !ok {
		t.Fatalf("lock: %v %v", ok, err)
	}
	defer unlock()
}

package store

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// mountOverlay mounts layers (bottom first) read-only as overlayfs
// lowerdirs (which overlayfs lists top first) and calls f with the mount.
func mountOverlay(t *testing.T, layers []string, f func(merged string)) {
	t.Helper()
	top := slices.Clone(layers)
	slices.Reverse(top)
	merged := filepath.Join(t.TempDir(), "merged")
	if err := os.Mkdir(merged, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := unix.Mount("overlay", merged, "overlay", unix.MS_RDONLY, "lowerdir="+strings.Join(top, ":")); err != nil {
		t.Skipf("overlayfs unavailable here: %v", err)
	}
	defer unix.Unmount(merged, 0)
	f(merged)
}

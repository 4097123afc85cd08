package native

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOwnDir: a state directory others may write to, or that is a link,
// is refused; a missing one is made.
func TestOwnDir(t *testing.T) {
	base := t.TempDir()
	if err := ownDir(filepath.Join(base, "new", "state")); err != nil {
		t.Errorf("a missing directory: %v", err)
	}
	open := filepath.Join(base, "open")
	if err := os.Mkdir(open, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(open, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := ownDir(open); err == nil {
		t.Error("a world-writable directory was accepted")
	}
	link := filepath.Join(base, "link")
	if err := os.Symlink(filepath.Join(base, "new"), link); err != nil {
		t.Fatal(err)
	}
	if err := ownDir(link); err == nil {
		t.Error("a symbolic link was accepted")
	}
}

package store

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
	"golang.org/x/sys/unix"
)

func TestFullDiskIsNoSpace(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	reg := testimage.StartRegistry(t)
	ref := testimage.Push(t, reg, "tool") // the testtool is a few MiB
	dir := t.TempDir()
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, "size=256k"); err != nil {
		t.Skipf("mounting a tmpfs: %v", err)
	}
	t.Cleanup(func() { unix.Unmount(dir, unix.MNT_DETACH) })
	s, err := Open(dir + "/store")
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = s.Pull(context.Background(), ref, "", nil)
	if !errors.Is(err, run.ErrNoSpace) {
		t.Fatalf("Pull onto a full disk: %v, want ErrNoSpace", err)
	}
	assertUnpoisoned(t, s, 0)
}

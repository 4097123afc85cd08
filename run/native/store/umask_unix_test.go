//go:build unix

package store

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/sshell/sshell/internal/testimage"
)

func TestImplicitDirectoriesIgnoreUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	reg := testimage.StartRegistry(t)
	ref := testimage.PushLayers(t, reg, "implicit", "v1", v1.Config{}, testimage.Tar(t, file("usr/share/doc/x", "x", 0o644)))
	s := openTest(t)
	img, _ := pullOK(t, s, ref)
	for _, d := range []string{"", "/usr", "/usr/share", "/usr/share/doc"} {
		if fi, err := os.Stat(img.Layers[0] + d); err != nil || fi.Mode().Perm() != 0o755 {
			t.Errorf("%q: %v %v, want 0755", d, fi, err)
		}
	}
	if fi, err := os.Stat(filepath.Dir(img.Layers[0])); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("layer directory: %v %v, want 0755", fi, err)
	}
}

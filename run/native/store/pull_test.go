package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
)

func TestPullThenGet(t *testing.T) {
	reg := testimage.StartRegistry(t)
	ref := testimage.Push(t, reg, "tool", testimage.WithCmd("echo-split", "a", "b"), testimage.WithEnv("FOO=bar"))
	s := openTest(t)
	ctx := context.Background()

	if _, err := s.Get(ctx, ref, ""); !errors.Is(err, run.ErrImageNotFound) {
		t.Fatalf("Get before Pull: %v, want ErrImageNotFound", err)
	}
	var progress strings.Builder
	img, st, err := s.Pull(ctx, ref, "", &progress)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Fetched || st.Bytes == 0 {
		t.Errorf("first Pull stats %+v, want something fetched", st)
	}
	if !strings.Contains(progress.String(), "unpacked") {
		t.Errorf("progress %q says nothing of unpacking", progress.String())
	}
	if img.Ref != ref || !strings.HasPrefix(img.Digest, "sha256:") || !strings.HasPrefix(img.ID, "sha256:") || img.Platform != "linux/amd64" {
		t.Errorf("image %+v", img)
	}
	if got := strings.Join(img.Config.Cmd, " "); got != "echo-split a b" {
		t.Errorf("Cmd %q", got)
	}
	if got := strings.Join(img.Config.Entrypoint, " "); got != testimage.ImagePath {
		t.Errorf("Entrypoint %q", got)
	}
	if len(img.Layers) != 1 || !filepath.IsAbs(img.Layers[0]) {
		t.Fatalf("layers %q", img.Layers)
	}
	fi, err := os.Stat(filepath.Join(img.Layers[0], "testtool"))
	if err != nil || fi.Mode().Perm() != 0o755 || img.Size < fi.Size() {
		t.Fatalf("unpacked testtool: %v, %v; image size %d", fi, err, img.Size)
	}

	got, err := s.Get(ctx, ref, "")
	if err != nil {
		t.Fatal(err)
	}
	if got.Digest != img.Digest || got.ID != img.ID || strings.Join(got.Layers, ",") != strings.Join(img.Layers, ",") {
		t.Errorf("Get %+v, Pull %+v", got, img)
	}

	// Again: only the manifest travels.
	_, st2, err := s.Pull(ctx, ref, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if st2.Fetched {
		t.Errorf("second Pull fetched %+v", st2)
	}
}

func TestSameLayerTwiceInOneImage(t *testing.T) {
	reg := testimage.StartRegistry(t)
	l := testimage.Tar(t, file("f", "same", 0o644))
	ref := testimage.PushLayers(t, reg, "twice", "v1", v1.Config{}, l, testimage.Tar(t, file("g", "other", 0o644)), l)
	s := openTest(t)
	img, _ := pullOK(t, s, ref)
	if len(img.Layers) != 3 || img.Layers[0] != img.Layers[2] || img.Layers[0] == img.Layers[1] {
		t.Fatalf("layers %q", img.Layers)
	}
}

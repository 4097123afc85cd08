package store

import (
	"context"
	"errors"
	"os"
	"runtime"
	"testing"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
)

func TestPlatformFromIndex(t *testing.T) {
	reg := testimage.StartRegistry(t)
	ref := testimage.PushIndex(t, reg, "multi", "v1", "linux/amd64", "linux/arm64", "linux/arm/v7", "linux/s390x")
	s := openTest(t)
	ctx := context.Background()

	img, _, err := s.Pull(ctx, ref, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := runtime.GOOS + "/" + runtime.GOARCH
	if runtime.GOARCH == "arm" {
		want += "/v7"
	}
	if img.Platform != want || img.Config.Labels["io.sshell.test.platform"] != want {
		t.Errorf("default platform: got %s (label %q), want the host's %s", img.Platform, img.Config.Labels["io.sshell.test.platform"], want)
	}
	if b, err := os.ReadFile(img.Layers[0] + "/platform"); err != nil || string(b) != want {
		t.Errorf("unpacked platform file %q %v", b, err)
	}

	arm, _, err := s.Pull(ctx, ref, "linux/arm64", nil)
	if err != nil {
		t.Fatal(err)
	}
	if arm.Platform != "linux/arm64" || arm.ID == img.ID && want != "linux/arm64" {
		t.Errorf("linux/arm64: got %+v", arm)
	}
	if arm.Digest != img.Digest || arm.Manifest == img.Manifest && want != "linux/arm64" {
		t.Errorf("Digest is the index's for both (%s, %s); Manifest each its own (%s, %s)", img.Digest, arm.Digest, img.Manifest, arm.Manifest)
	}
	// Get tells the platforms apart.
	if got, err := s.Get(ctx, ref, "linux/arm64"); err != nil || got.ID != arm.ID {
		t.Errorf("Get linux/arm64: %v %v", got, err)
	}
	if _, err := s.Get(ctx, ref, "linux/s390x"); !errors.Is(err, run.ErrImageNotFound) {
		t.Errorf("Get of a platform never pulled: %v", err)
	}
	if _, _, err := s.Pull(ctx, ref, "linux/riscv64", nil); !errors.Is(err, run.ErrImageNotFound) {
		t.Errorf("Pull of a platform the index lacks: %v, want ErrImageNotFound", err)
	}
	if d, err := s.Resolve(ctx, ref, ""); err != nil || d != img.Digest {
		t.Errorf("Resolve: %q %v, want %s", d, err, img.Digest)
	}
}

func TestSinglePlatformImageForAnotherPlatform(t *testing.T) {
	reg := testimage.StartRegistry(t)
	ref := testimage.Push(t, reg, "tool") // linux/amd64 only
	s := openTest(t)
	if _, _, err := s.Pull(context.Background(), ref, "linux/arm64", nil); !errors.Is(err, run.ErrImageNotFound) {
		t.Errorf("Pull of an amd64-only image for linux/arm64: %v, want ErrImageNotFound", err)
	}
	if _, _, err := s.Pull(context.Background(), ref, "linux/amd64", nil); err != nil {
		t.Error(err)
	}
}

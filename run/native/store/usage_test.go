package store

import (
	"context"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/sshell/sshell/internal/testimage"
)

func TestUsageCountsSharedLayersOnce(t *testing.T) {
	reg := testimage.StartRegistry(t)
	big := testimage.Tar(t, file("big", string(make([]byte, 1<<20)), 0o644))
	a := testimage.PushLayers(t, reg, "a", "v1", v1.Config{}, big, testimage.Tar(t, file("a", "aaaa", 0o644)))
	b := testimage.PushLayers(t, reg, "b", "v1", v1.Config{}, big, testimage.Tar(t, file("b", "bbbbbbbb", 0o644)))
	s := openTest(t)
	ctx := context.Background()
	if n, err := s.Usage(ctx); err != nil || n != 0 {
		t.Fatalf("empty store: %d, %v", n, err)
	}
	imgA, _ := pullOK(t, s, a)
	imgB, _ := pullOK(t, s, b)
	if imgA.Size != 1<<20+4 || imgB.Size != 1<<20+8 {
		t.Errorf("image sizes %d, %d", imgA.Size, imgB.Size)
	}
	n, err := s.Usage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	layers := int64(1<<20 + 4 + 8)
	if n < layers || n > layers+64<<10 {
		t.Errorf("Usage %d, want the layers' %d plus a few KB of manifests and configs", n, layers)
	}
}

package store

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
)

func TestResolveSeesTagMove(t *testing.T) {
	reg := testimage.StartRegistry(t)
	ref := testimage.Push(t, reg, "tool")
	s := openTest(t)
	img, _ := pullOK(t, s, ref)
	d, err := s.Resolve(context.Background(), ref, "")
	if err != nil || d != img.Digest {
		t.Fatalf("Resolve: %q %v, want %s", d, err, img.Digest)
	}
	testimage.Push(t, reg, "tool") // a new image under the same tag
	d2, err := s.Resolve(context.Background(), ref, "")
	if err != nil || d2 == img.Digest {
		t.Fatalf("Resolve after a push: %q %v, want a new digest", d2, err)
	}
	if got, _ := s.Get(context.Background(), ref, ""); got.Digest != img.Digest {
		t.Errorf("Resolve changed the store")
	}
	img2, _ := pullOK(t, s, ref)
	if img2.Digest != d2 {
		t.Errorf("Pull got %s, Resolve said %s", img2.Digest, d2)
	}
	// The old image is held by its digest record until a collection.
	old := reg.Host() + "/tool@" + img.Digest
	if _, err := s.Get(context.Background(), old, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Collect(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(context.Background(), old, ""); !errors.Is(err, run.ErrImageNotFound) {
		t.Errorf("Get(%s) after Collect: %v", old, err)
	}
	if _, err := os.Stat(img.Layers[0]); img.Layers[0] != img2.Layers[0] && err == nil {
		t.Errorf("the old image's layer survived Collect")
	}
	if _, err := s.Get(context.Background(), ref, ""); err != nil {
		t.Fatal(err)
	}
}

package store

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
)

func entries(t *testing.T, s *Store, dir string) int {
	t.Helper()
	ents, err := os.ReadDir(s.path(dir))
	if err != nil {
		t.Fatal(err)
	}
	return len(ents)
}

func TestListRemovePurge(t *testing.T) {
	reg := testimage.StartRegistry(t)
	shared := testimage.Tar(t, file("shared", "base layer", 0o644))
	a := testimage.PushLayers(t, reg, "a", "v1", v1.Config{}, shared, testimage.Tar(t, file("a", "a", 0o644)))
	b := testimage.PushLayers(t, reg, "b", "v1", v1.Config{}, shared, testimage.Tar(t, file("b", "b", 0o644)))
	s := openTest(t)
	ctx := context.Background()
	imgA, _ := pullOK(t, s, a)
	imgB, stB := pullOK(t, s, b)
	if imgA.Layers[0] != imgB.Layers[0] {
		t.Fatalf("the shared layer is unpacked twice: %s, %s", imgA.Layers[0], imgB.Layers[0])
	}
	if stB.Bytes == 0 {
		t.Fatal("b fetched nothing")
	}
	if n := entries(t, s, layersDir); n != 3 {
		t.Fatalf("%d layers, want 3", n)
	}

	list, err := s.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Ref != a || list[1].Ref != b || list[0].Digest != imgA.Digest || list[0].Size != imgA.Size || list[0].LastUsed.IsZero() {
		t.Fatalf("List: %+v", list)
	}
	// Get touches LastUsed.
	old := time.Now().Add(-time.Hour)
	for _, e := range list {
		r, _ := parseRef(e.Ref)
		os.Chtimes(s.recordPath(recordKey(r.Name(), e.Platform)), old, old)
	}
	if _, err := s.Get(ctx, a, ""); err != nil {
		t.Fatal(err)
	}
	list, _ = s.List(ctx)
	if !list[0].LastUsed.After(old) || !list[1].LastUsed.Equal(old) {
		t.Errorf("after Get(a): last used %v, %v; want a's moved on from %v, b's not", list[0].LastUsed, list[1].LastUsed, old)
	}

	// Get by digest finds a tag's image, offline.
	byDigest := strings.Split(a, ":v1")[0] + "@" + imgA.Digest
	if got, err := s.Get(ctx, byDigest, ""); err != nil || got.ID != imgA.ID || got.Ref != byDigest {
		t.Fatalf("Get(%s): %+v %v", byDigest, got, err)
	}
	if _, err := s.Flatten(ctx, imgA); err != nil {
		t.Fatal(err)
	}

	blobs := entries(t, s, blobsDir)
	if err := s.Remove(ctx, a); err != nil {
		t.Fatal(err)
	}
	if n := entries(t, s, blobsDir); n != blobs-2 {
		t.Errorf("%d blobs after removing a, want %d (a's manifest and config gone)", n, blobs-2)
	}
	if _, err := s.Get(ctx, a, ""); !errors.Is(err, run.ErrImageNotFound) {
		t.Errorf("Get after Remove: %v", err)
	}
	if _, err := s.Get(ctx, byDigest, ""); !errors.Is(err, run.ErrImageNotFound) {
		t.Errorf("Get by digest after the tag's Remove: %v", err)
	}
	if n := entries(t, s, layersDir); n != 2 {
		t.Errorf("%d layers after removing a, want 2 (shared, b)", n)
	}
	if n := entries(t, s, rootfsDir); n != 0 {
		t.Errorf("a's flattened root survived its image")
	}
	for _, l := range imgB.Layers {
		if _, err := os.Stat(l); err != nil {
			t.Errorf("b's layer: %v", err)
		}
	}
	if err := s.Remove(ctx, a); !errors.Is(err, run.ErrImageNotFound) {
		t.Errorf("second Remove: %v, want ErrImageNotFound", err)
	}

	if err := s.Purge(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.Dir()); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("store dir after Purge: %v", err)
	}
	if list, err := s.List(ctx); err != nil || len(list) != 0 {
		t.Errorf("List after Purge: %v %v", list, err)
	}
	// The store comes back on use.
	pullOK(t, s, b)
}

func TestPullByDigestHeldNeedsNoNetwork(t *testing.T) {
	reg := testimage.StartRegistry(t)
	ref := testimage.Push(t, reg, "tool")
	s := openTest(t)
	img, _ := pullOK(t, s, ref)
	byDigest := reg.Host() + "/tool@" + img.Digest
	reg.Close()
	got, st, err := s.Pull(context.Background(), byDigest, "", nil)
	if err != nil || got.ID != img.ID || st.Fetched {
		t.Fatalf("Pull(%s) with the registry down: %+v %+v %v", byDigest, got, st, err)
	}
	// Now a reference of its own: removing the tag keeps it.
	if err := s.Remove(context.Background(), ref); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(context.Background(), byDigest, ""); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.List(context.Background()); len(list) != 1 || list[0].Ref != byDigest {
		t.Errorf("List: %+v", list)
	}
}

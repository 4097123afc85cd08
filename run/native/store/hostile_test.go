package store

import (
	"archive/tar"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/sshell/sshell/internal/testimage"
)

// assertUnpoisoned checks that nothing of a failed pull is left to use:
// no record, no layer, no work in progress.
func assertUnpoisoned(t *testing.T, s *Store, wantLayers int) {
	t.Helper()
	for dir, want := range map[string]int{layersDir: wantLayers, tmpDir: 0} {
		ents, err := os.ReadDir(s.path(dir))
		if err != nil {
			t.Fatal(err)
		}
		if len(ents) != want {
			var names []string
			for _, e := range ents {
				names = append(names, e.Name())
			}
			t.Errorf("%s holds %q, want %d entries", dir, names, want)
		}
	}
}

func TestHostileLayersLeaveStoreUnpoisoned(t *testing.T) {
	reg := testimage.StartRegistry(t)
	good := testimage.Push(t, reg, "good")
	ok := file("ok", "fine", 0o644)
	cases := map[string][][]byte{
		"traversal":         {testimage.Tar(t, ok, file("../../etc/sshell-test-pwned", "x", 0o644))},
		"absolute":          {testimage.Tar(t, ok, file("/etc/sshell-test-pwned", "x", 0o644))},
		"through symlink":   {testimage.Tar(t, ok, symlink("e", "/etc"), file("e/sshell-test-pwned", "x", 0o644))},
		"hard link out":     {testimage.Tar(t, ok, hardlink("h", "../../../etc/passwd"))},
		"second layer only": {testimage.Tar(t, ok), testimage.Tar(t, file("../x", "x", 0o644))},
	}
	for name, layers := range cases {
		t.Run(name, func(t *testing.T) {
			s := openTest(t)
			ref := testimage.PushLayers(t, reg, "hostile", strings.ReplaceAll(name, " ", "-"), v1.Config{}, layers...)
			_, _, err := s.Pull(context.Background(), ref, "", nil)
			if err == nil {
				t.Fatal("pulled a hostile image")
			}
			if !strings.HasPrefix(err.Error(), "pulling "+`"`+ref+`"`) || !strings.Contains(err.Error(), "unpacking") {
				t.Errorf("error %q: want the reference and the entry", err)
			}
			if _, err := os.Lstat("/etc/sshell-test-pwned"); err == nil {
				os.Remove("/etc/sshell-test-pwned")
				t.Fatal("wrote /etc/sshell-test-pwned")
			}
			if _, err := s.Get(context.Background(), ref, ""); err == nil {
				t.Error("Get finds the hostile image")
			}
			// Layers pulled in parallel may be complete (the good first
			// layer): what failed must not be.
			ents, _ := os.ReadDir(s.path(layersDir))
			assertUnpoisoned(t, s, len(ents))
			if len(ents) > len(layers)-1 {
				t.Errorf("%d layers unpacked from an image with %d layers, one hostile", len(ents), len(layers))
			}
			pullOK(t, s, good)
		})
	}
}

func TestSpecialFilesSkippedThroughPull(t *testing.T) {
	reg := testimage.StartRegistry(t)
	ref := testimage.PushLayers(t, reg, "devices", "v1", v1.Config{}, testimage.Tar(t,
		file("suid", "x", 0o4755),
		ent{Header: tar.Header{Typeflag: tar.TypeChar, Name: "dev/kmsg", Mode: 0o600, Devmajor: 1, Devminor: 11}}))
	s := openTest(t)
	img, _ := pullOK(t, s, ref)
	if fi, err := os.Stat(img.Layers[0] + "/suid"); err != nil || fi.Mode() != 0o755 {
		t.Errorf("suid: %v %v", fi, err)
	}
	if _, err := os.Lstat(img.Layers[0] + "/dev/kmsg"); err == nil {
		t.Error("device node unpacked")
	}
}

func TestDecompressionBomb(t *testing.T) {
	reg := testimage.StartRegistry(t)
	// 4 MiB of zeros gzip to a few KiB.
	ref := testimage.PushLayers(t, reg, "bomb", "v1", v1.Config{}, testimage.Tar(t, file("zeros", strings.Repeat("\x00", 4<<20), 0o644)))
	s := openTest(t, WithMaxUnpackedBytes(1<<20))
	_, _, err := s.Pull(context.Background(), ref, "", nil)
	if !errors.Is(err, ErrLayerTooLarge) {
		t.Fatalf("Pull: %v, want ErrLayerTooLarge", err)
	}
	assertUnpoisoned(t, s, 0)
	// A few KB declaring a 10 GiB sparse file: the stream is small, what
	// it writes is not.
	sparse := testimage.PushLayers(t, reg, "bomb", "sparse", v1.Config{}, sparseBomb(10<<30))
	if _, _, err := s.Pull(context.Background(), sparse, "", nil); !errors.Is(err, ErrLayerTooLarge) {
		t.Fatalf("Pull of a sparse bomb: %v, want ErrLayerTooLarge", err)
	}
	assertUnpoisoned(t, s, 0)
	// The same store with a bound that fits pulls the first.
	s2, err := Open(s.Dir(), WithMaxUnpackedBytes(8<<20))
	if err != nil {
		t.Fatal(err)
	}
	pullOK(t, s2, ref)
}

// A registry serving a blob that does not match the diff ID the config
// claims must not plant it under that diff ID, where another image would
// find it.
func TestLyingDiffIDRefused(t *testing.T) {
	reg := testimage.StartRegistry(t)
	genuine := testimage.PushLayers(t, reg, "genuine", "v1", v1.Config{}, testimage.Tar(t, file("f", "genuine", 0o644)))
	evil := testimage.PushLayers(t, reg, "evil", "v1", v1.Config{}, testimage.Tar(t, file("f", "evil", 0o644)))

	// evil's config claims genuine's diff ID.
	gimg := remoteImage(t, genuine)
	eimg := remoteImage(t, evil)
	gcf, _ := gimg.ConfigFile()
	ecf, err := eimg.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	ecf = ecf.DeepCopy()
	ecf.RootFS.DiffIDs = gcf.RootFS.DiffIDs
	liar, err := mutate.ConfigFile(eimg, ecf)
	if err != nil {
		t.Fatal(err)
	}
	liarRef := reg.Ref("liar", "v1")
	if err := remote.Write(mustRef(t, liarRef), liar); err != nil {
		t.Fatal(err)
	}

	s := openTest(t)
	if _, _, err := s.Pull(context.Background(), liarRef, "", nil); err == nil || !strings.Contains(err.Error(), "diff ID") {
		t.Fatalf("Pull of the lying image: %v, want a diff ID mismatch", err)
	}
	assertUnpoisoned(t, s, 0)
	img, _ := pullOK(t, s, genuine)
	if b, err := os.ReadFile(img.Layers[0] + "/f"); err != nil || string(b) != "genuine" {
		t.Fatalf("genuine's f: %q %v", b, err)
	}
}

func remoteImage(t *testing.T, ref string) v1.Image {
	t.Helper()
	img, err := remote.Image(mustRef(t, ref))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func mustRef(t *testing.T, ref string) name.Reference {
	t.Helper()
	r, err := name.ParseReference(ref)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestHugeConfigRefused(t *testing.T) {
	reg := testimage.StartRegistry(t)
	ref := testimage.PushLayers(t, reg, "hugeconfig", "v1", v1.Config{Labels: map[string]string{"big": strings.Repeat("x", maxConfigSize)}},
		testimage.Tar(t, file("f", "x", 0o644)))
	s := openTest(t)
	if _, _, err := s.Pull(context.Background(), ref, "", nil); err == nil || !strings.Contains(err.Error(), "image config of") {
		t.Fatalf("Pull of an image with a config over %d bytes: %v", maxConfigSize, err)
	}
	assertUnpoisoned(t, s, 0)
}

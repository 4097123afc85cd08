package store

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/google/go-containerregistry/pkg/compression"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"github.com/sshell/sshell/internal/testimage"
)

// Layers come gzipped, zstd-compressed or as plain tars; the store tells
// them apart by their first bytes.
func TestLayerCompressions(t *testing.T) {
	reg := testimage.StartRegistry(t)
	data := func(name string) []byte { return testimage.Tar(t, file(name, "content of "+name, 0o644)) }
	open := func(b []byte) tarball.Opener {
		return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	}
	gz, err := tarball.LayerFromOpener(open(data("gz")))
	if err != nil {
		t.Fatal(err)
	}
	zst, err := tarball.LayerFromOpener(open(data("zst")), tarball.WithCompression(compression.ZStd))
	if err != nil {
		t.Fatal(err)
	}
	plain := static.NewLayer(data("plain"), types.OCIUncompressedLayer)
	img, err := mutate.AppendLayers(empty.Image, gz, zst, plain)
	if err != nil {
		t.Fatal(err)
	}
	img, err = mutate.ConfigFile(img, mustConfig(t, img))
	if err != nil {
		t.Fatal(err)
	}
	ref := reg.Ref("compressions", "v1")
	if err := remote.Write(mustRef(t, ref), img); err != nil {
		t.Fatal(err)
	}
	s := openTest(t)
	got, _ := pullOK(t, s, ref)
	for i, n := range []string{"gz", "zst", "plain"} {
		if b, err := os.ReadFile(got.Layers[i] + "/" + n); err != nil || string(b) != "content of "+n {
			t.Errorf("layer %d: %q %v", i, b, err)
		}
	}
}

// mustConfig is img's config with the platform set (AppendLayers fills in
// the diff IDs).
func mustConfig(t *testing.T, img v1.Image) *v1.ConfigFile {
	t.Helper()
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = "linux", "amd64"
	return cf
}

func TestHashingReaderBound(t *testing.T) {
	r := &hashingReader{r: bytes.NewReader(make([]byte, 1000)), h: nopHash{}, limit: 999}
	if _, err := io.Copy(io.Discard, r); err != ErrLayerTooLarge {
		t.Errorf("1000 bytes through a 999-byte bound: %v", err)
	}
	r = &hashingReader{r: bytes.NewReader(make([]byte, 1000)), h: nopHash{}, limit: 1000}
	if n, err := io.Copy(io.Discard, r); err != nil || n != 1000 {
		t.Errorf("1000 bytes through a 1000-byte bound: %d %v", n, err)
	}
}

func TestEnsureLayerReplacesAnIncompleteDirectory(t *testing.T) {
	// A layer directory without its layer.json is not ours (ours appear
	// whole, by rename): a Pull replaces it.
	reg := testimage.StartRegistry(t)
	ref := testimage.PushLayers(t, reg, "x", "v1", v1.Config{}, testimage.Tar(t, file("f", "good", 0o644)))
	s := openTest(t)
	img, _ := pullOK(t, s, ref)
	layer := img.Layers[0]
	if err := os.Remove(layer + "/../layer.json"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(layer+"/f", []byte("tampered"), 0o644); err != nil {
		t.Fatal(err)
	}
	img, st := pullOK(t, s, ref)
	if !st.Fetched {
		t.Error("the re-pull fetched nothing")
	}
	if b, err := os.ReadFile(img.Layers[0] + "/f"); err != nil || string(b) != "good" {
		t.Fatalf("f after a re-pull: %q %v", b, err)
	}
}

package store

import (
	"archive/tar"
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/google/go-containerregistry/pkg/authn"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/sshell/sshell/internal/testimage"
)

// BenchmarkColdPull pulls, into an empty store, an image of four layers
// made of the Go toolchain's own files (about 45 MB compressed, 150 MB
// unpacked, 3,000 files) from a loopback registry: fetch, verify, unpack.
func BenchmarkColdPull(b *testing.B) {
	goroot := runtime.GOROOT()
	var layers [][]byte
	for _, d := range []string{"pkg/tool", "bin", "src/cmd/compile", "src/runtime"} {
		layers = append(layers, dirTar(b, filepath.Join(goroot, d)))
	}
	reg := testimage.StartRegistry(b)
	ref := testimage.PushLayers(b, reg, "big", "v1", v1.Config{}, layers...)
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		b.StartTimer()
		s, err := Open(dir, WithKeychain(authn.NewMultiKeychain()))
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := s.Pull(context.Background(), ref, "", nil); err != nil {
			b.Fatal(err)
		}
	}
}

// dirTar is the tree at root as an uncompressed tar, under root's base name.
func dirTar(b *testing.B, root string) []byte {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		h, err := tar.FileInfoHeader(fi, "")
		if err != nil {
			return err
		}
		h.Name, _ = filepath.Rel(filepath.Dir(root), p)
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if fi.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			_, err = tw.Write(data)
			return err
		}
		return nil
	})
	if err == nil {
		err = tw.Close()
	}
	if err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

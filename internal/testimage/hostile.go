package testimage

import (
	"archive/tar"
	"bytes"
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// StartRegistryWith serves a fresh registry like StartRegistry, with its
// handler wrapped by wrap (to count, stall or break requests).
func StartRegistryWith(t testing.TB, wrap func(http.Handler) http.Handler) *Registry {
	t.Helper()
	r := &Registry{}
	h := registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	r.srv = httptest.NewServer(wrap(h))
	t.Cleanup(r.srv.Close)
	return r
}

// Entry is one member of a hand-made layer tar.
type Entry struct {
	tar.Header
	Body []byte
}

// Tar writes entries, in order and as given (hostile names, links and
// modes included), as an uncompressed tar. Size is set from Body for
// regular files.
func Tar(t testing.TB, entries ...Entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		h := e.Header
		if h.Typeflag == tar.TypeReg {
			h.Size = int64(len(e.Body))
		}
		if h.ModTime.IsZero() {
			h.ModTime = time.Unix(1700000000, 0)
		}
		if h.Format == tar.FormatUnknown {
			h.Format = tar.FormatPAX
		}
		if err := tw.WriteHeader(&h); err != nil {
			t.Fatalf("tar header %q: %v", h.Name, err)
		}
		if _, err := tw.Write(e.Body); err != nil {
			t.Fatalf("tar body %q: %v", h.Name, err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// PushLayers pushes a linux/amd64 image made of the given uncompressed
// layer tars (bottom first; each gzipped on the way) to reg as repo:tag,
// with cfg as its config (Labels get a random one, so each push's ID is
// its own), and returns the reference.
func PushLayers(t testing.TB, reg *Registry, repo, tag string, cfg v1.Config, layers ...[]byte) string {
	t.Helper()
	img := layeredImage(t, "linux", "amd64", "", cfg, layers...)
	return pushImage(t, reg, repo, tag, img)
}

// PushIndex pushes a multi-platform index to reg as repo:tag holding one
// testtool image per platform ("linux/arm64", "linux/arm/v7"), each with
// the label io.sshell.test.platform set to its platform, and returns the
// reference.
func PushIndex(t testing.TB, reg *Registry, repo, tag string, platforms ...string) string {
	t.Helper()
	var adds []mutate.IndexAddendum
	for _, p := range platforms {
		plat, err := v1.ParsePlatform(p)
		if err != nil {
			t.Fatal(err)
		}
		cfg := v1.Config{Entrypoint: []string{ImagePath}, Labels: map[string]string{"io.sshell.test.platform": p}}
		layer := Tar(t, Entry{Header: tar.Header{Typeflag: tar.TypeReg, Name: "testtool", Mode: 0o755}, Body: binary(t)},
			Entry{Header: tar.Header{Typeflag: tar.TypeReg, Name: "platform", Mode: 0o644}, Body: []byte(p)})
		img := layeredImage(t, plat.OS, plat.Architecture, plat.Variant, cfg, layer)
		adds = append(adds, mutate.IndexAddendum{Add: img, Descriptor: v1.Descriptor{Platform: plat}})
	}
	idx := mutate.AppendManifests(empty.Index, adds...)
	ref := reg.Ref(repo, tag)
	tg, err := name.NewTag(ref, name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.WriteIndex(tg, idx, remote.WithAuth(reg.Auth()), remote.WithContext(context.Background())); err != nil {
		t.Fatalf("pushing index %q: %v", ref, err)
	}
	return ref
}

func layeredImage(t testing.TB, os, arch, variant string, cfg v1.Config, layers ...[]byte) v1.Image {
	t.Helper()
	if cfg.Labels == nil {
		cfg.Labels = map[string]string{}
	}
	cfg.Labels["io.sshell.test.image"] = nonce()
	base, err := mutate.ConfigFile(empty.Image, &v1.ConfigFile{
		Architecture: arch, OS: os, Variant: variant, Config: cfg,
		RootFS: v1.RootFS{Type: "layers"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, data := range layers {
		l, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil })
		if err != nil {
			t.Fatal(err)
		}
		if base, err = mutate.AppendLayers(base, l); err != nil {
			t.Fatal(err)
		}
	}
	return base
}

func pushImage(t testing.TB, reg *Registry, repo, tag string, img v1.Image) string {
	t.Helper()
	ref := reg.Ref(repo, tag)
	tg, err := name.NewTag(ref, name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(tg, img, remote.WithAuth(reg.Auth()), remote.WithContext(context.Background())); err != nil {
		t.Fatalf("pushing %q: %v", ref, err)
	}
	return ref
}

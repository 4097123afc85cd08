package store

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/sshell/sshell/internal/testimage"
)

func TestMirrorTriedFirst(t *testing.T) {
	origin := testimage.StartRegistry(t)
	mirror := testimage.StartRegistry(t)
	ref := testimage.Push(t, origin, "team/tool")
	// The mirror holds its own image under the same name, so where the
	// pull came from shows.
	mref := testimage.Push(t, mirror, "team/tool")
	dead := testimage.DeadRegistry(t)

	s := openTest(t, WithMirrors(map[string][]string{origin.Host(): {dead, "http://" + mirror.Host()}}))
	img, _ := pullOK(t, s, ref)
	want, _, err := openTest(t).Pull(context.Background(), mref, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if img.Digest != want.Digest {
		t.Fatalf("pulled %s, want the mirror's %s", img.Digest, want.Digest)
	}
	if d, err := s.Resolve(context.Background(), ref, ""); err != nil || d != want.Digest {
		t.Errorf("Resolve: %s %v, want the mirror's %s", d, err, want.Digest)
	}

	// A mirror without the image: the origin answers.
	other := testimage.Push(t, origin, "team/other")
	pullOK(t, s, other)

	// The origin down, the mirror up.
	origin.Close()
	if _, _, err := s.Pull(context.Background(), ref, "", nil); err != nil {
		t.Errorf("Pull with the origin down: %v", err)
	}
}

func TestOnMirror(t *testing.T) {
	for _, c := range []struct{ ref, mirror, want string }{
		{"alpine", "mirror.gcr.io", "mirror.gcr.io/library/alpine:latest"},
		{"alpine@sha256:" + strings.Repeat("a", 64), "https://m.example:5000/", "m.example:5000/library/alpine@sha256:" + strings.Repeat("a", 64)},
		{"ghcr.io/o/r:1", "http://10.0.0.1:5000", "10.0.0.1:5000/o/r:1"},
	} {
		r, err := name.ParseReference(c.ref)
		if err != nil {
			t.Fatal(err)
		}
		got, err := onMirror(r, c.mirror)
		if err != nil || got.Name() != c.want {
			t.Errorf("onMirror(%s, %s) = %v, %v; want %s", c.ref, c.mirror, got, err, c.want)
		}
	}
	s := openTest(t, WithMirrors(map[string][]string{"docker.io": {"mirror.gcr.io"}}))
	r, _ := name.ParseReference("alpine")
	if srcs := s.sources(r); len(srcs) != 2 || srcs[0].Context().RegistryStr() != "mirror.gcr.io" {
		t.Errorf("sources of alpine with a docker.io mirror: %v", srcs)
	}
}

func TestPlainHTTPForLocalhost(t *testing.T) {
	reg := testimage.StartRegistry(t)
	testimage.Push(t, reg, "tool")
	_, port, _ := strings.Cut(reg.Host(), ":")
	s := openTest(t)
	pullOK(t, s, "localhost:"+port+"/tool")
	if _, err := s.Get(context.Background(), "localhost:"+port+"/tool:latest", ""); err != nil {
		t.Fatal(err)
	}
}

package store

import (
	"context"
	"testing"

	"github.com/google/go-containerregistry/pkg/authn"
)

// openTest opens a store in a temporary directory with anonymous
// credentials (the machine's Docker config plays no part).
func openTest(t testing.TB, opts ...Option) *Store {
	t.Helper()
	s, err := Open(t.TempDir()+"/store", append([]Option{WithKeychain(authn.NewMultiKeychain())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func pullOK(t testing.TB, s *Store, ref string) (*Image, PullStats) {
	t.Helper()
	img, st, err := s.Pull(context.Background(), ref, "", nil)
	if err != nil {
		t.Fatalf("Pull(%q): %v", ref, err)
	}
	return img, st
}

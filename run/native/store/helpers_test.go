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

// nopHash is a hash.Hash that hashes nothing, for readers whose digest a
// test ignores.
type nopHash struct{}

func (nopHash) Write(p []byte) (int, error) { return len(p), nil }
func (nopHash) Sum(b []byte) []byte         { return b }
func (nopHash) Reset()                      {}
func (nopHash) Size() int                   { return 0 }
func (nopHash) BlockSize() int              { return 1 }

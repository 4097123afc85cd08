package store

import (
	"context"
	"testing"

	"github.com/sshell/sshell/internal/testimage"
)

// BenchmarkGet is the warm path of every native run: one small file read
// and a timestamp. `go test -bench Get ./run/native/store` (the target is
// well under 0.5 ms an op).
func BenchmarkGet(b *testing.B) {
	reg := testimage.StartRegistry(b)
	ref := testimage.Push(b, reg, "tool")
	s := openTest(b)
	pullOK(b, s, ref)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Get(ctx, ref, ""); err != nil {
			b.Fatal(err)
		}
	}
}

func TestGetNeedsNoRegistry(t *testing.T) {
	reg := testimage.StartRegistry(t)
	ref := testimage.Push(t, reg, "tool")
	s := openTest(t)
	img, _ := pullOK(t, s, ref)
	reg.Close()
	got, err := s.Get(context.Background(), ref, "")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != img.ID || got.Config.Entrypoint[0] != testimage.ImagePath {
		t.Errorf("Get: %+v", got)
	}
	// The same image under another spelling of its name.
	if _, err := s.Get(context.Background(), reg.Host()+"/tool", ""); err != nil {
		t.Errorf("Get without the :latest: %v", err)
	}
}

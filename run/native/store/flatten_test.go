package store

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/sshell/sshell/internal/testimage"
)

// layeredWithWhiteouts pushes a three-layer image whose upper layers
// delete, hide and replace what the lower ones hold.
func layeredWithWhiteouts(t *testing.T, reg *testimage.Registry) string {
	return testimage.PushLayers(t, reg, "whiteouts", "v1", v1.Config{},
		testimage.Tar(t,
			dir("a/", 0o755), file("a/gone", "1", 0o644), file("a/kept", "1", 0o644),
			dir("b/", 0o755), file("b/sub/deep", "1", 0o644),
			dir("c/", 0o755), file("c/old", "1", 0o644), file("c/old2", "1", 0o644),
			file("replaced", "lower", 0o644), symlink("link", "a/kept"),
		),
		testimage.Tar(t,
			file("a/.wh.gone", "", 0o644),                                                  // delete a file
			file(".wh.b", "", 0o644),                                                       // delete a directory tree
			dir("c/", 0o700), file("c/.wh..wh..opq", "", 0o644), file("c/new", "2", 0o644), // hide c's old content
			file("replaced", "upper", 0o600),
			file("d/recreated", "2", 0o644),
		),
		testimage.Tar(t,
			file(".wh.d", "", 0o644), dir("d/", 0o755), file("d/fresh", "3", 0o644), // deleted then re-made
			file("a/.wh.never-existed", "", 0o644),
		),
	)
}

// wantMerged is the view of layeredWithWhiteouts's image.
var wantMerged = []string{
	"a/", "a/kept=1", "c/", "c/new=2", "d/", "d/fresh=3", "link->a/kept", "replaced=upper",
}

// tree lists dir as "name/", "name=content" and "name->target" lines.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out = append(out, rel+"->"+target)
		case d.IsDir():
			out = append(out, rel+"/")
		case d.Type().IsRegular():
			b, _ := os.ReadFile(p)
			out = append(out, rel+"="+string(b))
		default:
			out = append(out, rel+"?"+d.Type().String())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func TestFlattenAppliesWhiteouts(t *testing.T) {
	reg := testimage.StartRegistry(t)
	s := openTest(t)
	img, _ := pullOK(t, s, layeredWithWhiteouts(t, reg))
	root, err := s.Flatten(context.Background(), img)
	if err != nil {
		t.Fatal(err)
	}
	if got := tree(t, root); !slices.Equal(got, wantMerged) {
		t.Fatalf("flattened:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantMerged, "\n"))
	}
	if fi, err := os.Stat(filepath.Join(root, "c")); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("c: %v %v, want the upper layer's mode 0700", fi, err)
	}
	if fi, err := os.Stat(filepath.Join(root, "replaced")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("replaced: %v %v, want the upper layer's mode 0600", fi, err)
	}
	again, err := s.Flatten(context.Background(), img)
	if err != nil || again != root {
		t.Fatalf("second Flatten: %q %v, want %q", again, err, root)
	}
}

func TestWhiteoutsOnDiskForOverlay(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("overlay whiteouts (mknod 0/0, trusted.* xattrs) need root; without root Flatten covers them")
	}
	reg := testimage.StartRegistry(t)
	s := openTest(t)
	img, _ := pullOK(t, s, layeredWithWhiteouts(t, reg))
	meta, err := readLayerMeta(filepath.Dir(img.Layers[1]))
	if err != nil {
		t.Fatal(err)
	}
	if !meta.WhiteoutDevices || !slices.Equal(meta.Whiteouts, []string{"a/gone", "b"}) || !slices.Equal(meta.Opaques, []string{"c"}) {
		t.Errorf("layer 2 record %+v", meta)
	}
	fi, err := os.Lstat(filepath.Join(img.Layers[1], "a", "gone"))
	if err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("a/gone in layer 2: %v %v, want a whiteout device", fi, err)
	}
	mountOverlay(t, img.Layers, func(merged string) {
		if got := tree(t, merged); !slices.Equal(got, wantMerged) {
			t.Fatalf("overlay view:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantMerged, "\n"))
		}
	})
}

func TestConcurrentFlatten(t *testing.T) {
	reg := testimage.StartRegistry(t)
	s := openTest(t)
	img, _ := pullOK(t, s, layeredWithWhiteouts(t, reg))
	const n = 4
	roots := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { roots[i], errs[i] = s.Flatten(context.Background(), img) })
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil || roots[i] != roots[0] {
			t.Fatalf("Flatten %d: %q %v (first: %q)", i, roots[i], errs[i], roots[0])
		}
	}
	if got := tree(t, roots[0]); !slices.Equal(got, wantMerged) {
		t.Fatalf("flattened:\n%s", strings.Join(got, "\n"))
	}
	if names := leftovers(t, s); len(names) != 0 {
		t.Errorf("tmp/ holds %q", names)
	}
}

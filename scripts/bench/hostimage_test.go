package bench

import (
	"archive/tar"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/sshell/sshell/internal/testimage"
)

// hostImage is an image made of host programs and the shared libraries
// they load (ldd), so that the peers run the real /bin/true and jq. It is
// pushed to reg as repo, and also written out as a root directory for
// bwrap, which takes a directory rather than an image.
type hostImage struct {
	ref    string // 127.0.0.1:PORT/repo:latest
	rootfs string // the same files, as a directory
}

// newHostImage needs ldd (libc-bin), which every Debian has.
func newHostImage(tb testing.TB, reg *testimage.Registry, repo string, programs ...string) hostImage {
	tb.Helper()
	files := append([]string{}, programs...)
	for _, p := range programs {
		files = append(files, libraries(tb, p)...)
	}
	rootfs := tb.TempDir()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	must(tb, "tar", tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: "tmp/", Mode: 0o1777}))
	must(tb, "mkdir tmp", os.Mkdir(filepath.Join(rootfs, "tmp"), 0o1777))
	for _, d := range []string{"proc", "dev"} { // bwrap mounts on them and cannot create them in a read-only root
		must(tb, "tar", tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: d + "/", Mode: 0o755}))
		must(tb, "mkdir "+d, os.Mkdir(filepath.Join(rootfs, d), 0o755))
	}
	for _, f := range uniqStrings(files) {
		data, err := os.ReadFile(f) // follows symlinks: the image holds plain copies
		must(tb, "reading "+f, err)
		must(tb, "tar", tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: f[1:], Mode: 0o755, Size: int64(len(data))}))
		_, err = tw.Write(data)
		must(tb, "tar", err)
		dst := filepath.Join(rootfs, f)
		must(tb, "mkdir", os.MkdirAll(filepath.Dir(dst), 0o755))
		must(tb, "writing "+dst, os.WriteFile(dst, data, 0o755))
	}
	must(tb, "tar", tw.Close())
	ref := pushLayers(tb, reg, repo, [][]byte{buf.Bytes()})
	return hostImage{ref: ref, rootfs: rootfs}
}

// libraries lists the absolute paths ldd reports for program, the dynamic
// loader included.
func libraries(tb testing.TB, program string) []string {
	tb.Helper()
	out, err := exec.Command("ldd", program).Output()
	if err != nil { // a static program has none
		return nil
	}
	return libPath.FindAllString(string(out), -1)
}

var libPath = regexp.MustCompile(`(?m)/[^\s()]+`)

// pushLayers pushes a linux/amd64 image of uncompressed tar layers with
// PATH set and no entrypoint, and returns its reference.
func pushLayers(tb testing.TB, reg *testimage.Registry, repo string, layers [][]byte) string {
	tb.Helper()
	img, err := mutate.ConfigFile(empty.Image, &v1.ConfigFile{Architecture: "amd64", OS: "linux",
		Config: v1.Config{Env: []string{"PATH=/usr/local/bin:/usr/bin:/bin"}}, RootFS: v1.RootFS{Type: "layers"}})
	must(tb, "config", err)
	for _, data := range layers {
		layer, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil })
		must(tb, "layer", err)
		img, err = mutate.AppendLayers(img, layer)
		must(tb, "append layer", err)
	}
	ref := reg.Ref(repo, "latest")
	tag, err := name.NewTag(ref, name.Insecure)
	must(tb, "tag", err)
	must(tb, "push "+ref, remote.Write(tag, img, remote.WithContext(context.Background())))
	return ref
}

func uniqStrings(s []string) []string {
	seen, out := map[string]bool{}, []string{}
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// tarOf is an uncompressed tar of files (name: contents), parents first.
func tarOf(tb testing.TB, files map[string][]byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for name, data := range files {
		if dir := filepath.Dir(name); dir != "." {
			must(tb, "tar", tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: dir + "/", Mode: 0o755}))
		}
		must(tb, "tar", tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o644, Size: int64(len(data))}))
		_, err := tw.Write(data)
		must(tb, "tar", err)
	}
	must(tb, "tar", tw.Close())
	return buf.Bytes()
}

package docker

import (
	"archive/tar"
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/docker/docker/api/types/image"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
)

// testRunner is a Runner on the local daemon; the test skips without one.
func testRunner(t *testing.T, opts ...Option) *Runner {
	t.Helper()
	testimage.RequireDocker(t)
	r, err := New(opts...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// toolSpec runs the testtool in ref with args.
func toolSpec(ref string, args ...string) run.Spec {
	return run.Spec{Command: "testtool", Image: ref, Args: args}
}

// mustRun runs spec with stdio and fails the test on an error.
func mustRun(t *testing.T, r *Runner, spec run.Spec, stdio run.IO) run.Result {
	t.Helper()
	res, err := r.Run(context.Background(), spec, stdio)
	if err != nil {
		t.Fatalf("Run(%q %q): %v", spec.Entrypoint, spec.Args, err)
	}
	return res
}

// extraFiles are added to the testtool image by pushWith(t, ..., extraFiles...).
var extraFiles = []tar.Header{
	{Typeflag: tar.TypeDir, Name: "bin/", Mode: 0o755},
	{Typeflag: tar.TypeReg, Name: "bin/notexec", Mode: 0o644},
	{Typeflag: tar.TypeReg, Name: "bin/script", Mode: 0o755}, // #! of a missing interpreter
	{Typeflag: tar.TypeDir, Name: "bin/dir/", Mode: 0o755},
	{Typeflag: tar.TypeSymlink, Name: "bin/tt", Linkname: "/testtool"},
	{Typeflag: tar.TypeSymlink, Name: "bin/dangling", Linkname: "/nope"},
}

// pushWith pushes the testtool image as repo with a layer of files added
// (regular files hold "#!/nope/sh\n"), and removes it from the daemon when
// the test ends.
func pushWith(t *testing.T, r *Runner, reg *testimage.Registry, repo string, files ...tar.Header) string {
	t.Helper()
	base, err := remote.Image(ref(t, testimage.Push(t, reg, repo+"-base")))
	if err != nil {
		t.Fatalf("fetching the base image: %v", err)
	}
	layer, err := tarball.LayerFromOpener(tarOf(files))
	if err != nil {
		t.Fatalf("building a layer: %v", err)
	}
	img, err := mutate.AppendLayers(base, layer)
	if err != nil {
		t.Fatalf("appending a layer: %v", err)
	}
	return pushImage(t, r, reg.Ref(repo, "latest"), img)
}

// pushImage pushes img as s and removes it from the daemon at the end.
func pushImage(t *testing.T, r *Runner, s string, img v1.Image) string {
	t.Helper()
	if err := remote.Write(ref(t, s), img); err != nil {
		t.Fatalf("pushing %s: %v", s, err)
	}
	t.Cleanup(func() {
		_, _ = r.cli.ImageRemove(context.Background(), s, image.RemoveOptions{Force: true, PruneChildren: true})
	})
	return s
}

func ref(t *testing.T, s string) name.Reference {
	t.Helper()
	r, err := name.ParseReference(s, name.Insecure)
	if err != nil {
		t.Fatalf("parsing %q: %v", s, err)
	}
	return r
}

func tarOf(files []tar.Header) func() (io.ReadCloser, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	body := []byte("#!/nope/sh\n")
	for _, h := range files {
		if h.Typeflag == tar.TypeReg {
			h.Size = int64(len(body))
		}
		tw.WriteHeader(&h)
		if h.Typeflag == tar.TypeReg {
			tw.Write(body)
		}
	}
	tw.Close()
	return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(buf.Bytes())), nil }
}

package testimage

import (
	"context"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// ImagePath is where the testtool binary sits in every image; it is the
// image's ENTRYPOINT.
const ImagePath = "/testtool"

type pushConfig struct {
	tag    string
	cfg    v1.Config
	copies []toolCopy
}

// toolCopy is another copy of the testtool in the image.
type toolCopy struct {
	path string // without the leading "/"
	mode int64
}

// PushOption configures Push.
type PushOption func(*pushConfig)

// WithTag sets the tag (default "latest").
func WithTag(tag string) PushOption { return func(c *pushConfig) { c.tag = tag } }

// WithCmd sets the image's CMD (the default arguments to /testtool).
func WithCmd(args ...string) PushOption { return func(c *pushConfig) { c.cfg.Cmd = args } }

// WithEnv adds KEY=VALUE entries to the image's environment (beside PATH).
func WithEnv(env ...string) PushOption {
	return func(c *pushConfig) { c.cfg.Env = append(c.cfg.Env, env...) }
}

// WithToolCopy adds another copy of the testtool at the absolute path (its
// directory must be /) with mode, owned by root: 0o4755 makes it setuid root.
func WithToolCopy(path string, mode int64) PushOption {
	return func(c *pushConfig) { c.copies = append(c.copies, toolCopy{path[1:], mode}) }
}

// WithUser sets the image's USER.
func WithUser(user string) PushOption { return func(c *pushConfig) { c.cfg.User = user } }

// Push builds a linux/amd64 image holding the testtool at /testtool
// (ENTRYPOINT ["/testtool"], an empty /tmp) and pushes it to reg as repo,
// returning "127.0.0.1:PORT/repo:TAG". Each push carries a random config
// label, so its image ID is its own and the cleanup, which removes the
// image from the Docker daemon when the test ends, never touches another
// test's image.
func Push(t testing.TB, reg *Registry, repo string, opts ...PushOption) string {
	t.Helper()
	c := pushConfig{tag: "latest", cfg: v1.Config{
		Entrypoint: []string{ImagePath},
		Env:        []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
		Labels:     map[string]string{"io.sshell.test.image": nonce()},
	}}
	for _, o := range opts {
		o(&c)
	}
	img := image(t, c)
	ref := reg.Ref(repo, c.tag)
	tag, err := name.NewTag(ref, name.Insecure)
	if err != nil {
		t.Fatalf("parsing %q: %v", ref, err)
	}
	if err := remote.Write(tag, img, remote.WithAuth(reg.Auth()), remote.WithContext(context.Background())); err != nil {
		t.Fatalf("pushing %q: %v", ref, err)
	}
	t.Cleanup(func() { removeFromDaemon(t, reg.Host()+"/"+repo) })
	return ref
}

func image(t testing.TB, c pushConfig) v1.Image {
	t.Helper()
	cfg := c.cfg
	layer, err := tarball.LayerFromOpener(layerOpener(binary(t), c.copies))
	if err != nil {
		t.Fatalf("building layer: %v", err)
	}
	// Config first: AppendLayers then fills in rootfs.diff_ids and history.
	base, err := mutate.ConfigFile(empty.Image, &v1.ConfigFile{
		Architecture: "amd64", OS: "linux", Config: cfg,
		RootFS: v1.RootFS{Type: "layers"},
	})
	if err != nil {
		t.Fatalf("setting config: %v", err)
	}
	img, err := mutate.AppendLayers(base, layer)
	if err != nil {
		t.Fatalf("appending layer: %v", err)
	}
	return img
}

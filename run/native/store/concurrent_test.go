package store

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-containerregistry/pkg/authn"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/sshell/sshell/internal/testimage"
)

// blobCounter counts GETs of each blob digest.
type blobCounter struct {
	mu   sync.Mutex
	gets map[string]int
}

func (c *blobCounter) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/blobs/sha256:") {
			c.mu.Lock()
			c.gets[r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]]++
			c.mu.Unlock()
		}
		next.ServeHTTP(w, r)
	})
}

func (c *blobCounter) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gets = map[string]int{}
}

// threeLayers pushes an image of three layers of about 1 MiB each, and
// returns its reference and its layer digests.
func threeLayers(t *testing.T, reg *testimage.Registry) (string, []string) {
	var layers [][]byte
	for _, n := range []string{"one", "two", "three"} {
		layers = append(layers, testimage.Tar(t, file(n, strings.Repeat(n, 1<<18), 0o644)))
	}
	ref := testimage.PushLayers(t, reg, "three", "v1", v1.Config{}, layers...)
	m, err := remoteImage(t, ref).Manifest()
	if err != nil {
		t.Fatal(err)
	}
	var digests []string
	for _, l := range m.Layers {
		digests = append(digests, l.Digest.String())
	}
	return ref, digests
}

func checkFetchedOnce(t *testing.T, c *blobCounter, digests []string) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, d := range digests {
		if n := c.gets[d]; n != 1 {
			t.Errorf("layer %s fetched %d times, want once", d, n)
		}
	}
}

func TestConcurrentPullsInGoroutines(t *testing.T) {
	c := &blobCounter{gets: map[string]int{}}
	reg := testimage.StartRegistryWith(t, c.wrap)
	ref, digests := threeLayers(t, reg)
	c.reset() // the push's own reads do not count
	dir := t.TempDir()
	const n = 8
	var wg sync.WaitGroup
	imgs := make([]*Image, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			// A Store each, as separate callers would have.
			s, err := Open(dir, WithKeychain(authn.NewMultiKeychain()))
			if err == nil {
				imgs[i], _, err = s.Pull(context.Background(), ref, "", nil)
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("pull %d: %v", i, err)
		}
		if strings.Join(imgs[i].Layers, ",") != strings.Join(imgs[0].Layers, ",") {
			t.Errorf("pull %d: layers %q, pull 0: %q", i, imgs[i].Layers, imgs[0].Layers)
		}
	}
	checkFetchedOnce(t, c, digests)
}

func TestConcurrentPullsInProcesses(t *testing.T) {
	c := &blobCounter{gets: map[string]int{}}
	reg := testimage.StartRegistryWith(t, c.wrap)
	ref, digests := threeLayers(t, reg)
	c.reset()
	dir := t.TempDir()
	const n = 4
	cmds := make([]*exec.Cmd, n)
	outs := make([]strings.Builder, n)
	for i := range n {
		cmds[i] = child(t, dir, ref)
		cmds[i].Stdout, cmds[i].Stderr = &outs[i], &outs[i]
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("process %d: %v: %s", i, err, outs[i].String())
		}
	}
	checkFetchedOnce(t, c, digests)
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	img, err := s.Get(context.Background(), ref, "")
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(img.Layers[2] + "/three"); err != nil || len(b) != 5<<18 {
		t.Errorf("layer three: %d bytes, %v", len(b), err)
	}
}

// child is this test binary as a process pulling ref into the store at dir.
func child(t *testing.T, dir, ref string) *exec.Cmd {
	return childDoing(t, os.Args[0], "pull", dir, ref)
}

// childDoing is the test binary bin as a process doing mode (see TestMain).
func childDoing(t *testing.T, bin, mode, dir, ref string) *exec.Cmd {
	cmd := exec.Command(bin, "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, "STORE_TEST_DIR="+dir, "STORE_TEST_REF="+ref, "DOCKER_CONFIG="+t.TempDir())
	return cmd
}

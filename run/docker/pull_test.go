package docker

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
)

// pushFresh pushes the testtool image plus a layer of random bytes no
// daemon has seen, so that pulling it downloads something.
func pushFresh(t *testing.T, r *Runner, host, repo string) string {
	t.Helper()
	reg := testimage.StartRegistry(t)
	base, err := remote.Image(ref(t, testimage.Push(t, reg, repo+"-base")))
	if err != nil {
		t.Fatalf("fetching the base image: %v", err)
	}
	layer, err := random.Layer(1<<20, types.DockerLayer)
	if err != nil {
		t.Fatalf("making a layer: %v", err)
	}
	img, err := mutate.AppendLayers(base, layer)
	if err != nil {
		t.Fatalf("appending a layer: %v", err)
	}
	if host == "" {
		host = reg.Host()
	}
	return pushImage(t, r, host+"/"+repo+":latest", img)
}

// TestConcurrentFirstPull: runs that all find the image missing all
// succeed (the daemon joins their pulls).
func TestConcurrentFirstPull(t *testing.T) {
	r := testRunner(t)
	img := pushFresh(t, r, "", "concurrent")
	var wg sync.WaitGroup
	results := make([]run.Result, 4)
	errs := make([]error, len(results))
	for i := range results {
		wg.Go(func() { results[i], errs[i] = r.Run(context.Background(), toolSpec(img, "exit", "0"), run.IO{}) })
	}
	wg.Wait()
	pulled := 0
	for i, res := range results {
		if errs[i] != nil || res.ExitCode != 0 {
			t.Errorf("run %d: exit %d, %v", i, res.ExitCode, errs[i])
		}
		if res.Timing.Pulled {
			pulled++
		}
		t.Logf("run %d: pulled %v, %d bytes", i, res.Timing.Pulled, res.Timing.PullBytes)
	}
	if pulled == 0 {
		t.Errorf("no run says it pulled the image")
	}
}

// TestPullPolicies: missing pulls once and reports the bytes and the
// progress; always pulls again; never runs what is present.
func TestPullPolicies(t *testing.T) {
	r := testRunner(t)
	img := pushFresh(t, r, "", "policies")
	var progress, stdout bytes.Buffer
	first := mustRun(t, r, toolSpec(img, "echo-split", "out", ""), run.IO{Stdout: &stdout, Progress: &progress})
	if !first.Timing.Pulled || first.Timing.PullBytes == 0 || stdout.String() != "out" {
		t.Errorf("first run: pulled %v, %d bytes, stdout %q; want a pull of some bytes and %q",
			first.Timing.Pulled, first.Timing.PullBytes, stdout.String(), "out")
	}
	if !strings.Contains(progress.String(), "Downloaded newer image") {
		t.Errorf("progress %q, want docker's pull output", progress.String())
	}
	for policy, want := range map[run.PullPolicy]bool{run.PullMissing: false, run.PullAlways: true, run.PullNever: false, "": false} {
		spec := toolSpec(img, "exit", "0")
		spec.Pull = policy
		if res := mustRun(t, r, spec, run.IO{}); res.Timing.Pulled != want {
			t.Errorf("policy %q on a present image: pulled %v, want %v", policy, res.Timing.Pulled, want)
		}
	}
}

// TestPullStreamError: a failure the daemon reports inside the pull
// stream (here: the registry loses a layer after serving the manifest)
// fails the run, also without a progress writer.
func TestPullStreamError(t *testing.T) {
	r := testRunner(t)
	reg := registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	var lose sync.Map // layer blob paths to answer 404
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if _, ok := lose.Load(req.URL.Path); ok && req.Method == http.MethodGet {
			http.Error(w, `{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry"}]}`, http.StatusNotFound)
			return
		}
		reg.ServeHTTP(w, req)
	}))
	t.Cleanup(srv.Close)
	host := strings.TrimPrefix(srv.URL, "http://")
	img := pushFresh(t, r, host, "lossy")
	m, _ := remote.Image(ref(t, img))
	layers, _ := m.Layers()
	d, _ := layers[len(layers)-1].Digest()
	lose.Store("/v2/lossy/blobs/"+d.String(), true)
	_, err := r.Run(context.Background(), toolSpec(img, "exit", "0"), run.IO{})
	if err == nil {
		t.Fatal("Run of an image whose layer is lost: no error")
	}
	if !errors.Is(err, run.ErrImageNotFound) {
		t.Errorf("Run of an image whose layer is lost: %v; want an error wrapping %q", err, run.ErrImageNotFound)
	}
}

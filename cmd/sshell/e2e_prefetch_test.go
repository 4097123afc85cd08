//go:build linux

package main

import (
	"strings"
	"testing"

	"github.com/sshell/sshell/internal/testimage"
)

// `sshell cache prefetch` pulls the image ahead of time: a run after it,
// with the registry gone and --pull never, uses the prefetched digest.
func TestCachePrefetch(t *testing.T) {
	testimage.RequireDocker(t)
	reg := testimage.StartRegistry(t)
	ref := testimage.Push(t, reg, "sshell-e2e/prefetchtool")
	e := newXDGEnv(t, "pf", ref)
	out, _ := e.ok("cache", "prefetch", "pf")
	digest := e.latest("pf")
	if !dockerHas(t, "image", ref) || !strings.HasPrefix(digest, "sha256:") || out != "pf: "+ref+" at "+shortDigest(digest)+" (docker)\n" {
		t.Fatalf("prefetch: %q; image held %v, digest %q", out, dockerHas(t, "image", ref), digest)
	}
	reg.Close()
	e.ok("run", "--pull", "never", "pf", "echo-split", "a", "b")
	if got := e.lastDigest(); got != digest {
		t.Errorf("run after prefetch used %s, want %s", got, digest)
	}
}

//go:build linux

package main

import (
	"os/exec"
	"path/filepath"
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

// prefetch pulls onto the runtime in use: on native into the store (and
// not onto Docker), and for the platform the manifest names, on both
// runtimes (a multi-platform image, the non-host platform asked for).
func TestCachePrefetchRuntimesAndPlatform(t *testing.T) {
	reg := testimage.StartRegistry(t)
	multi := testimage.PushIndex(t, reg, "sshell-e2e/prefetchmulti", "1", "linux/amd64", "linux/arm64")
	t.Run("native", func(t *testing.T) {
		ref := testimage.Push(t, reg, "sshell-e2e/prefetchnative")
		e := newNativeEnv(t, "pfn", ref)
		writeFile(t, filepath.Join(e.config, "sshell", "manifests", "arm.toml"), "[tools.arm]\nimage = \""+multi+"\"\nplatform = \"linux/arm64\"\n")
		out, _ := e.ok("cache", "prefetch", "pfn", "arm")
		digest := e.latest("pfn")
		if !e.storeHas(ref) || out != "pfn: "+ref+" at "+shortDigest(digest)+" (native)\narm: "+multi+" at "+shortDigest(e.latest("arm"))+" (native)\n" {
			t.Fatalf("prefetch: %q; held in the store: %v", out, e.storeEntries())
		}
		if got := e.storeEntries()[canonicalRef(t, multi)].Platform; got != "linux/arm64" {
			t.Errorf("prefetch of arm pulled %s for %q, want linux/arm64", multi, got)
		}
		if exec.Command("docker", "image", "inspect", ref).Run() == nil {
			t.Errorf("prefetch on native pulled %s onto Docker", ref)
		}
		e.ok("run", "--pull", "never", "pfn", "echo-split", "a", "b")
		if got := e.lastDigest(); got != digest {
			t.Errorf("native run after prefetch used %s, want %s", got, digest)
		}
	})
	t.Run("docker", func(t *testing.T) {
		testimage.RequireDocker(t)
		e := newXDGEnv(t, "arm", multi)
		writeFile(t, filepath.Join(e.config, "sshell", "manifests", "arm.toml"), "[tools.arm]\nimage = \""+multi+"\"\nplatform = \"linux/arm64\"\n")
		t.Cleanup(func() { _ = exec.Command("docker", "rmi", "-f", multi).Run() })
		e.ok("cache", "prefetch", "arm")
		if arch := dockerOut(t, "image", "inspect", "-f", "{{.Architecture}}", multi); arch != "arm64" {
			t.Errorf("prefetch on Docker pulled %s for %s, want arm64", multi, arch)
		}
	})
}

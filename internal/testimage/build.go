// Package testimage gives tests real container images without the internet:
// it builds internal/testtool as a static binary, serves a registry on
// 127.0.0.1 (go-containerregistry's pkg/registry) and pushes images holding
// that binary, which the local Docker daemon can pull (loopback registries
// are insecure by default, so plain HTTP works).
//
// Typical use:
//
//	reg := testimage.StartRegistry(t)
//	ref := testimage.Push(t, reg, "tool")       // "127.0.0.1:PORT/tool:latest"
//	// run ref with Entrypoint ["/testtool"] and Args {"echo-split", "a", "b"}
package testimage

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

var built struct {
	once sync.Once
	bin  []byte
	err  error
}

// Build compiles internal/testtool (once per test process, static,
// CGO_ENABLED=0, linux/amd64) and returns the path of a copy in t.TempDir().
func Build(t testing.TB) string {
	t.Helper()
	bin := binary(t)
	path := filepath.Join(t.TempDir(), "testtool")
	if err := os.WriteFile(path, bin, 0o755); err != nil {
		t.Fatalf("writing testtool: %v", err)
	}
	return path
}

// binary returns the compiled testtool; the build directory is removed at
// once so nothing outlives the test process.
func binary(t testing.TB) []byte {
	t.Helper()
	built.once.Do(func() { built.bin, built.err = compile() })
	if built.err != nil {
		t.Fatalf("building testtool: %v", built.err)
	}
	return built.bin
}

func compile() ([]byte, error) {
	dir, err := os.MkdirTemp("", "sshell-testtool-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "testtool")
	cmd := exec.Command(goTool(), "build", "-trimpath", "-ldflags=-s -w", "-o", out, ".")
	cmd.Dir = sourceDir()
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH=amd64")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build in %s: %w\n%s", cmd.Dir, err, msg)
	}
	return os.ReadFile(out)
}

// sourceDir is internal/testtool, found from this file's own location so the
// build works whatever the test's working directory.
func sourceDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testtool")
}

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

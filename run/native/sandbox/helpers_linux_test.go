package sandbox

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/sshell/sshell/internal/testimage"
)

// requireRoot skips tests that need the host's root (namespaces without a
// user namespace, overlayfs, mknod).
func requireRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root: the sandbox runs unprivileged only in a user namespace (see TestUnprivileged)")
	}
}

// layer is a read-only layer directory holding the static testtool at
// /testtool, as the store unpacks one.
func layer(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "layers", "l1")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(testimage.Build(t), filepath.Join(dir, "testtool")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// config is a sandbox running the testtool with args.
func config(t *testing.T, layers []string, args ...string) *Config {
	t.Helper()
	b := make([]byte, 8)
	rand.Read(b)
	return &Config{
		ID: hex.EncodeToString(b), State: t.TempDir(), Layers: layers,
		Args: append([]string{"/testtool"}, args...), Env: []string{"PATH=/bin"}, Dir: "/", Tmp: 1 << 20,
	}
}

// runBox runs cfg to completion and returns its exit code and outputs.
func runBox(t *testing.T, cfg *Config) (int, string, string, error) {
	t.Helper()
	outR, outW, _ := os.Pipe()
	errR, errW, _ := os.Pipe()
	p, err := Start(Namespaces{HostNetwork: cfg.HostNetwork, UserNS: cfg.UserNS}, Stdio{Stdout: outW, Stderr: errW})
	outW.Close()
	errW.Close()
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	if err := p.Configure(cfg); err != nil {
		t.Fatalf("Configure: %v", err)
	}
	var out, errOut bytes.Buffer
	done := make(chan struct{})
	go func() { out.ReadFrom(outR); errOut.ReadFrom(errR); close(done) }()
	goErr := p.Go()
	code, werr := p.Wait()
	<-done
	if werr != nil {
		t.Fatalf("Wait: %v", werr)
	}
	var se *Error
	if goErr != nil && !errors.As(goErr, &se) {
		t.Fatalf("Go: %v", goErr)
	}
	return code, out.String(), errOut.String(), goErr
}

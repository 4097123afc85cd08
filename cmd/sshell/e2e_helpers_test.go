//go:build linux

package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sshell/sshell/internal/testimage"
)

// e2eImage pushes a fresh test image to a loopback registry, or skips when
// the daemon is unusable.
func e2eImage(t *testing.T, repo string) string {
	t.Helper()
	testimage.RequireDocker(t)
	return testimage.Push(t, testimage.StartRegistry(t), repo)
}

// sshellBin copies the test binary, which acts as sshell under that name
// (see TestMain), into a directory every user can reach.
func sshellBin(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(openDir(t), "sshell")
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}

// openDir is a temp dir that other users can enter (t.TempDir's are 0700).
func openDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// sshellCmd is sshell with a clean environment: no manifests, the daemon
// the test process uses.
func sshellCmd(t *testing.T, bin string, args ...string) *exec.Cmd {
	t.Helper()
	home := openDir(t)
	cmd := exec.Command(bin, args...)
	cmd.Dir = home
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"SSHELL_CATALOG=off"} // the fixtures' names (jq, yq) are the catalog's too
	cmd.Env = append(cmd.Env, noBackground...)
	for _, k := range dockerEnv {
		if v, ok := os.LookupEnv(k); ok {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
	}
	return cmd
}

// eventually polls cond every 100ms until it holds; the deadline only
// bounds a hang and is far above any normal wait.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(3 * time.Minute); !cond(); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
	}
}

// dockerOut runs the docker CLI and returns its trimmed output.
func dockerOut(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("docker", args...).Output()
	if err != nil {
		t.Fatalf("docker %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out))
}

// syncBuffer collects output written by one goroutine and read by another.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// collect copies r into a syncBuffer in the background.
func collect(r io.Reader) *syncBuffer {
	b := &syncBuffer{}
	go func() { _, _ = io.Copy(b, r) }()
	return b
}

// Package testgit gives tests real git repositories in temp dirs, reached
// over file://, as team manifest repos are in production.
package testgit

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Origin is a git repository in a temp dir with a "main" branch.
type Origin struct {
	t   testing.TB
	Dir string
}

// New makes an empty repository; the test skips when git is not installed.
func New(t testing.TB) *Origin {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	o := &Origin{t, t.TempDir()}
	o.Git("init", "--quiet", "-b", "main")
	return o
}

// URL is the repository's file:// address.
func (o *Origin) URL() string { return "file://" + o.Dir }

// Git runs git in the repository, failing the test on an error, and
// returns its trimmed output.
func (o *Origin) Git(args ...string) string {
	o.t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = o.Dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		o.t.Fatalf("git %q: %v: %s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// Commit writes files (path: content), commits everything and returns the
// commit's hash.
func (o *Origin) Commit(files map[string]string) string {
	o.t.Helper()
	WriteFiles(o.t, o.Dir, files)
	o.Git("add", "-A")
	o.Git("commit", "--quiet", "-m", "change")
	return o.Git("rev-parse", "HEAD")
}

// WriteFiles writes files (path relative to dir: content), making directories.
func WriteFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

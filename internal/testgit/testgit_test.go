package testgit

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCommit(t *testing.T) {
	o := New(t)
	first := o.Commit(map[string]string{"manifests/a.toml": "1"})
	second := o.Commit(map[string]string{"manifests/a.toml": "2"})
	if first == second || len(second) != 40 {
		t.Fatalf("commits %q then %q; want two different full hashes", first, second)
	}
	if got, err := os.ReadFile(filepath.Join(o.Dir, "manifests/a.toml")); err != nil || string(got) != "2" {
		t.Fatalf("file = %q, %v; want 2", got, err)
	}
	if o.Git("rev-parse", "HEAD~1") != first {
		t.Fatal("the first commit is not the parent of the second")
	}
}

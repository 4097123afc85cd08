package docker

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
)

func TestCandidates(t *testing.T) {
	for _, c := range []struct {
		argv0, dir, path string
		want             []string
	}{
		{"/bin/x", "/w", "/bin", []string{"/bin/x"}},
		{"./x", "/w", "/bin", []string{"/w/x"}},
		{"sub/x", "", "/bin", []string{"/sub/x"}},
		{"x", "/w", "/usr/bin:/bin", []string{"/usr/bin/x", "/bin/x"}},
		{"x", "/w", ":rel:/bin", []string{"/w/x", "/w/rel/x", "/bin/x"}},
		{"", "/w", "/bin", nil},
	} {
		if got := candidates(c.argv0, c.dir, c.path); !slices.Equal(got, c.want) {
			t.Errorf("candidates(%q, %q, %q) = %q, want %q", c.argv0, c.dir, c.path, got, c.want)
		}
	}
}

func TestEnvPath(t *testing.T) {
	if got := envPath([]string{"A=1", "PATH=/a", "PATH=/b"}); got != "/b" {
		t.Errorf("envPath with two PATHs = %q, want the last, /b", got)
	}
	if got := envPath([]string{"A=1"}); got != defaultPath {
		t.Errorf("envPath without PATH = %q, want Docker's default", got)
	}
}

// TestFindExecutable checks the file-system half of the 126/127 check on
// its own, in a container that was created but never started, the working
// directory a bind mount of the host.
func TestFindExecutable(t *testing.T) {
	r := testRunner(t)
	ref := pushWith(t, r, testimage.StartRegistry(t), "find", extraFiles...)
	mustRun(t, r, toolSpec(ref, "exit", "0"), run.IO{}) // pulls it
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "run-me"), []byte("#!/testtool\n"), 0o755)
	os.WriteFile(filepath.Join(dir, "read-me"), nil, 0o644)
	spec := toolSpec(ref)
	spec.WorkDir = dir
	id, err := r.create(context.Background(), spec, [2]uint{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.remove(context.Background(), id) })
	cfg := &container.Config{WorkingDir: dir, Env: []string{"PATH=/usr/bin:/bin"}}
	for argv0, want := range map[string]bool{
		"/testtool": true, "/bin/tt": true, "tt": true, "./run-me": true, dir + "/run-me": true,
		"/bin/notexec": false, "/bin/dir": false, "/bin/dangling": false, "/nope": false,
		"testtool": false, "./read-me": false,
	} {
		got, err := r.findExecutable(context.Background(), id, argv0, cfg)
		if got != want || err != nil {
			t.Errorf("findExecutable(%q) = %v, %v; want %v", argv0, got, err, want)
		}
	}
	// The daemon fails to stat below a file (ENOTDIR) without saying why.
	if got, err := r.findExecutable(context.Background(), id, "/testtool/x", cfg); got {
		t.Errorf("findExecutable(/testtool/x) = %v, %v; want false", got, err)
	}
}

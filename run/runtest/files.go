package runtest

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

func (f *fixture) testFiles(t *testing.T) {
	t.Run("WorkDir", f.testWorkDir)
	t.Run("User1234", func(t *testing.T) { f.testUser(t, "1234:1234", 1234, 1234) })
	t.Run("UserRoot", func(t *testing.T) { f.testUser(t, "0:0", 0, 0) })
	t.Run("ImageUser", func(t *testing.T) { f.testUser(t, "", 0, 0) })
}

// workDir is a fresh host directory anyone may write to, as an absolute
// path without symlinks.
func workDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	return dir
}

// testWorkDir: Spec.WorkDir is mounted at the same path and is the tool's
// working directory.
func (f *fixture) testWorkDir(t *testing.T) {
	t.Parallel()
	dir := workDir(t)
	spec := f.spec("pwd")
	spec.WorkDir = dir
	if got, _ := f.outputs(t, spec, nil, 0); got != dir+"\n" {
		t.Errorf("pwd with WorkDir %s printed %q", dir, got)
	}
}

// testUser: the tool runs as Spec.User ("" keeps the image's, root here)
// and files it writes in WorkDir belong to that user on the host.
func (f *fixture) testUser(t *testing.T, user string, uid, gid uint32) {
	t.Parallel()
	dir := workDir(t)
	spec := f.spec("id")
	spec.User = user
	if got, want := first(f.outputs(t, spec, nil, 0)), idLine(uid, gid); got != want {
		t.Errorf("id as User %q printed %q, want %q", user, got, want)
	}
	file := filepath.Join(dir, "written")
	spec = f.spec("write", file, "content")
	spec.User, spec.WorkDir = user, dir
	f.outputs(t, spec, nil, 0)
	checkFile(t, file, "content", uid, gid)
}

func checkFile(t *testing.T, file, content string, uid, gid uint32) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil || string(data) != content {
		t.Fatalf("file the tool wrote: %q, %v; want %q", data, err, content)
	}
	if u, g, ok := owner(file); ok && (u != uid || g != gid) {
		t.Errorf("%s is owned by %d:%d on the host, want %d:%d", file, u, g, uid, gid)
	}
}

func idLine(uid, gid uint32) string {
	return itoa(uid) + ":" + itoa(gid) + "\n"
}

func itoa(n uint32) string { return strconv.FormatUint(uint64(n), 10) }

func first(a, _ string) string { return a }

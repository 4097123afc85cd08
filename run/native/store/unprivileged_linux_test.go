package store

import (
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/sshell/sshell/internal/testimage"
)

// nobody is the unprivileged user the test runs the store as.
const nobody = 65534

// TestUnprivileged runs the store as an ordinary user: no whiteout devices
// or trusted xattrs (layer.json's lists only), owners not restored,
// Flatten applying the whiteouts, and read-only directories that a Purge
// still removes.
func TestUnprivileged(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("switching to an unprivileged user needs root")
	}
	reg := testimage.StartRegistry(t)
	ref := layeredWithWhiteouts(t, reg)
	ro := testimage.PushLayers(t, reg, "readonly", "v1", v1.Config{}, testimage.Tar(t,
		dir("ro/", 0o555), file("ro/f", "x", 0o444), dir("ro/sub/", 0o500), file("ro/sub/g", "y", 0o400)))

	// A world-readable copy of the test binary, and a store nobody owns.
	base := t.TempDir()
	for _, d := range []string{filepath.Dir(base), base} { // the test's own temp dirs
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(base, "store.test")
	copyFile(t, os.Args[0], bin)
	home := filepath.Join(base, "home") // nobody's, so a Purge can remove the store in it
	if err := os.Mkdir(home, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(home, nobody, nobody); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(home, "store")
	asNobody := func(mode, ref string) string {
		t.Helper()
		cmd := childDoing(t, bin, mode, dir, ref)
		cmd.Env = append(cmd.Env, "HOME="+home)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
		out, err := cmd.Output()
		if err != nil {
			var stderr []byte
			if ee, ok := err.(*exec.ExitError); ok {
				stderr = ee.Stderr
			}
			t.Fatalf("%s as nobody: %v: %s", mode, err, stderr)
		}
		return string(out)
	}

	root := asNobody("flatten", ref)
	if got := tree(t, root); !slices.Equal(got, wantMerged) {
		t.Fatalf("flattened as nobody:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantMerged, "\n"))
	}
	err := filepath.WalkDir(filepath.Join(dir, layersDir), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeCharDevice != 0 {
			t.Errorf("%s: a device node made without root", p)
		}
		if fi, err := d.Info(); err == nil {
			if uid, _, _ := owner(fi); uid != nobody {
				t.Errorf("%s owned by %d, want nobody's", p, uid)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	asNobody("pull", ro)
	asNobody("purge", "")
	if _, err := os.Stat(dir); err == nil {
		t.Fatal("the store survived a Purge by its owner")
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

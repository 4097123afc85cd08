package store

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sshell/sshell/internal/testimage"
)

type ent = testimage.Entry

func dir(name string, mode int64) ent {
	return ent{Header: tar.Header{Typeflag: tar.TypeDir, Name: name, Mode: mode}}
}
func file(name, body string, mode int64) ent {
	return ent{Header: tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: mode}, Body: []byte(body)}
}
func symlink(name, target string) ent {
	return ent{Header: tar.Header{Typeflag: tar.TypeSymlink, Name: name, Linkname: target, Mode: 0o777}}
}
func hardlink(name, target string) ent {
	return ent{Header: tar.Header{Typeflag: tar.TypeLink, Name: name, Linkname: target}}
}

// unpack extracts entries into a fresh directory inside a parent that
// holds a "victim" file, so that escapes would be seen.
func unpack(t *testing.T, entries ...ent) (string, *layerMeta, error) {
	t.Helper()
	parent := t.TempDir()
	if err := os.WriteFile(filepath.Join(parent, "victim"), []byte("intact"), 0o644); err != nil {
		t.Fatal(err)
	}
	d := filepath.Join(parent, "layer")
	if err := os.Mkdir(d, 0o755); err != nil {
		t.Fatal(err)
	}
	m, err := extract(context.Background(), bytes.NewReader(testimage.Tar(t, entries...)), d, 1<<30)
	if b, _ := os.ReadFile(filepath.Join(parent, "victim")); string(b) != "intact" {
		t.Fatalf("the file beside the layer was changed: %q", b)
	}
	if ents, _ := os.ReadDir(parent); len(ents) != 2 {
		t.Fatalf("the extractor created files beside the layer: %v", ents)
	}
	return d, m, err
}

func TestExtractPreservesFiles(t *testing.T) {
	mtime := time.Unix(1600000000, 0)
	d, m, err := unpack(t,
		// Children before their parents, as a hand-made tar may list them.
		file("usr/bin/tool", "#!/bin/sh\n", 0o750),
		ent{Header: tar.Header{Typeflag: tar.TypeDir, Name: "usr/", Mode: 0o555, ModTime: mtime, Uid: 12, Gid: 34}},
		dir("tmp/", 0o1777),
		ent{Header: tar.Header{Typeflag: tar.TypeReg, Name: "etc/conf", Mode: 0o640, ModTime: mtime, Uid: 1000, Gid: 1001}, Body: []byte("x=1")},
		symlink("bin", "usr/bin"),
		symlink("abs", "/etc/conf"), // absolute targets are fine to create
		hardlink("etc/conf2", "etc/conf"),
	)
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, mode fs.FileMode) fs.FileInfo {
		t.Helper()
		fi, err := os.Lstat(filepath.Join(d, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != mode {
			t.Errorf("%s: mode %v, want %v", name, fi.Mode(), mode)
		}
		return fi
	}
	check("usr/bin/tool", 0o750)
	check("usr", fs.ModeDir|0o555)
	check("usr/bin", fs.ModeDir|0o755)
	check("tmp", fs.ModeDir|fs.ModeSticky|0o777)
	fi := check("etc/conf", 0o640)
	if !fi.ModTime().Equal(mtime) {
		t.Errorf("etc/conf mtime %v, want %v", fi.ModTime(), mtime)
	}
	if fi := check("usr", fs.ModeDir|0o555); !fi.ModTime().Equal(mtime) {
		t.Errorf("usr mtime %v, want %v (children must not change it afterwards)", fi.ModTime(), mtime)
	}
	if os.Geteuid() == 0 {
		if uid, gid, _ := owner(fi); uid != 1000 || gid != 1001 {
			t.Errorf("etc/conf owned by %d:%d, want 1000:1001", uid, gid)
		}
		if uid, gid, _ := owner(check("usr", fs.ModeDir|0o555)); uid != 12 || gid != 34 {
			t.Errorf("usr owned by %d:%d, want 12:34", uid, gid)
		}
	}
	if target, _ := os.Readlink(filepath.Join(d, "abs")); target != "/etc/conf" {
		t.Errorf("abs -> %q", target)
	}
	a, b := check("etc/conf", 0o640), check("etc/conf2", 0o640)
	if !os.SameFile(a, b) {
		t.Error("etc/conf2 is not a hard link to etc/conf")
	}
	if m.Size != int64(len("#!/bin/sh\n")+len("x=1")) {
		t.Errorf("size %d", m.Size)
	}
}

func TestExtractDropsSetuidAndSkipsDevices(t *testing.T) {
	d, m, err := unpack(t,
		file("su", "x", 0o4755),
		file("sg", "x", 0o2755),
		ent{Header: tar.Header{Typeflag: tar.TypeChar, Name: "dev/mem", Mode: 0o666, Devmajor: 1, Devminor: 1}},
		ent{Header: tar.Header{Typeflag: tar.TypeBlock, Name: "dev/sda", Mode: 0o666, Devmajor: 8}},
		ent{Header: tar.Header{Typeflag: tar.TypeFifo, Name: "fifo", Mode: 0o666}},
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"su", "sg"} {
		fi, err := os.Stat(filepath.Join(d, n))
		if err != nil || fi.Mode() != 0o755 {
			t.Errorf("%s: %v %v, want mode 0755 (setuid/setgid dropped)", n, fi, err)
		}
	}
	for _, n := range []string{"dev/mem", "dev/sda", "fifo"} {
		if _, err := os.Lstat(filepath.Join(d, n)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s exists (%v): special files must be skipped", n, err)
		}
	}
	if m.Skipped != 3 || m.SetuidDropped != 2 {
		t.Errorf("skipped %d, setuid dropped %d; want 3, 2", m.Skipped, m.SetuidDropped)
	}
}

func TestExtractRefusesEscapes(t *testing.T) {
	cases := map[string][]ent{
		"traversal":      {file("../victim", "pwned", 0o644)},
		"deep traversal": {file("a/../../victim", "pwned", 0o644)},
		"absolute name":  {file("/etc/passwd", "pwned", 0o644)},
		"write through symlink to parent": {
			symlink("up", ".."), file("up/victim", "pwned", 0o644)},
		"write through absolute symlink": {
			symlink("etc", "/etc"), file("etc/sshell-test-pwned", "pwned", 0o644)},
		"dir through symlink": {
			symlink("up", "../"), dir("up/newdir/", 0o755)},
		"hard link out":      {hardlink("link", "../victim")},
		"absolute hard link": {hardlink("link", "/etc/passwd")},
		"hard link through symlink": {
			symlink("up", ".."), hardlink("link", "up/victim")},
		"symlink over parent then write": {
			dir("a/", 0o755), symlink("a", ".."), file("a/victim", "pwned", 0o644)},
		"root as a file": {file(".", "x", 0o644)},
	}
	for name, entries := range cases {
		t.Run(name, func(t *testing.T) {
			_, _, err := unpack(t, entries...)
			if err == nil {
				t.Fatal("extracted without error")
			}
			t.Log(err)
			if !strings.Contains(err.Error(), "unpacking") {
				t.Errorf("error %q does not say which entry", err)
			}
			if _, err := os.Lstat("/etc/sshell-test-pwned"); err == nil {
				os.Remove("/etc/sshell-test-pwned")
				t.Fatal("wrote /etc/sshell-test-pwned")
			}
		})
	}
}

func TestExtractInternalSymlinkStaysInside(t *testing.T) {
	// A relative symlink that stays in the layer may be written through:
	// the write lands inside.
	d, _, err := unpack(t, dir("real/", 0o755), symlink("alias", "real"), file("alias/f", "ok", 0o644))
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(d, "real", "f")); err != nil || string(b) != "ok" {
		t.Fatalf("real/f: %q %v", b, err)
	}
}

func TestExtractLaterEntriesWin(t *testing.T) {
	d, _, err := unpack(t, file("f", "one", 0o644), file("f", "two", 0o600), dir("d/", 0o755), file("d", "now a file", 0o644),
		symlink("s", "x"), file("s", "file", 0o644))
	if err != nil {
		t.Fatal(err)
	}
	for n, want := range map[string]string{"f": "two", "d": "now a file", "s": "file"} {
		if b, err := os.ReadFile(filepath.Join(d, n)); err != nil || string(b) != want {
			t.Errorf("%s: %q %v, want %q", n, b, err, want)
		}
	}
}

func TestExtractBomb(t *testing.T) {
	d := t.TempDir()
	data := testimage.Tar(t, file("zeros", strings.Repeat("\x00", 1<<20), 0o644))
	r := &hashingReader{r: bytes.NewReader(data), h: nopHash{}, limit: 512 << 10}
	_, err := extract(context.Background(), r, d, 1<<30)
	if !errors.Is(err, ErrLayerTooLarge) {
		t.Fatalf("extracting 1 MiB with a 512 KiB bound: %v, want ErrLayerTooLarge", err)
	}
}

func TestExtractSparseBomb(t *testing.T) {
	d := t.TempDir()
	_, err := extract(context.Background(), bytes.NewReader(sparseBomb(10<<30)), d, 64<<20)
	if !errors.Is(err, ErrLayerTooLarge) {
		t.Fatalf("extracting a 3.5 KB tar declaring a 10 GiB sparse file with a 64 MiB bound: %v, want ErrLayerTooLarge", err)
	}
}

// sparseBomb is a tar of a few KB holding one PAX (GNU 1.0) sparse file
// of size bytes, all hole but the last 4. archive/tar cannot write sparse
// files, so the blocks are made by hand.
func sparseBomb(size int64) []byte {
	rec := func(k, v string) string {
		s := " " + k + "=" + v + "\n"
		for n := len(s); ; {
			r := fmt.Sprintf("%d%s", n, s)
			if len(r) == n {
				return r
			}
			n = len(r)
		}
	}
	pad := func(b []byte) []byte { return append(b, make([]byte, (512-len(b)%512)%512)...) }
	pax := rec("GNU.sparse.major", "1") + rec("GNU.sparse.minor", "0") + rec("GNU.sparse.name", "big") +
		rec("GNU.sparse.realsize", fmt.Sprint(size))
	data := pad([]byte(fmt.Sprintf("1\n%d\n4\n", size-4)))
	data = append(data, "abcd"...)
	var out []byte
	out = append(out, ustarHeader("PaxHeaders/big", int64(len(pax)), 'x')...)
	out = append(out, pad([]byte(pax))...)
	out = append(out, ustarHeader("GNUSparseFile.0/big", int64(len(data)), '0')...)
	out = append(out, pad(data)...)
	return append(out, make([]byte, 1024)...)
}

// ustarHeader is a header block for name and size with typeflag tf.
func ustarHeader(name string, size int64, tf byte) []byte {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: name, Size: size, Mode: 0o644, Format: tar.FormatUSTAR})
	b := append([]byte(nil), buf.Bytes()[:512]...)
	b[156] = tf
	copy(b[148:156], "        ")
	sum := 0
	for _, c := range b {
		sum += int(c)
	}
	copy(b[148:], fmt.Sprintf("%06o\x00 ", sum))
	return b
}

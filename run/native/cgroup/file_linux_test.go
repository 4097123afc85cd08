package cgroup

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestReadWriteFile(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("0123456789"), 1000) // beyond the first 4 KiB read
	path := filepath.Join(dir, "f")
	if err := os.WriteFile(path, big, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readFile(path)
	if err != nil || !bytes.Equal(got, big) {
		t.Fatalf("readFile = %d bytes, %v; want %d", len(got), err, len(big))
	}
	if err := writeFile(path, "max"); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got[:3]) != "max" {
		t.Errorf("after writeFile: %q", got[:3])
	}
	if err := writeFile(filepath.Join(dir, "missing"), "1"); err == nil {
		t.Error("writeFile created a missing file")
	}
}

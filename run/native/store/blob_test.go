package store

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
	"testing"
)

func TestBlobsAreVerified(t *testing.T) {
	s := openTest(t)
	data := []byte(`{"config":"x"}`)
	sum := sha256.Sum256(data)
	digest := "sha256:" + hex.EncodeToString(sum[:])
	if err := s.putBlob(digest, []byte("something else")); err == nil {
		t.Fatal("putBlob stored content under another digest")
	}
	if _, err := os.Stat(s.path(blobsDir, hex.EncodeToString(sum[:]))); err == nil {
		t.Fatal("a refused blob is on disk")
	}
	if err := s.putBlob(digest, data); err != nil {
		t.Fatal(err)
	}
	if b, err := s.readBlob(digest); err != nil || string(b) != string(data) {
		t.Fatalf("readBlob: %q %v", b, err)
	}
	// Corruption on disk is noticed.
	p := s.path(blobsDir, hex.EncodeToString(sum[:]))
	os.Chmod(p, 0o644)
	if err := os.WriteFile(p, []byte("rot"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.readBlob(digest); err == nil || !strings.Contains(err.Error(), "corrupt") {
		t.Fatalf("readBlob of a corrupt blob: %v", err)
	}
	for _, bad := range []string{"sha256:../../etc/passwd", "md5:abc", "sha256:" + strings.Repeat("g", 64)} {
		if err := s.putBlob(bad, data); err == nil {
			t.Errorf("putBlob(%q) accepted", bad)
		}
	}
}

package store

import (
	"errors"
	"io/fs"
	"os"
	"testing"
)

func TestRecordsRoundTrip(t *testing.T) {
	s := openTest(t)
	key := recordKey("index.docker.io/library/alpine:latest", "linux/amd64")
	if _, err := s.readRecord(key); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("reading a missing record: %v", err)
	}
	want := &record{Name: "index.docker.io/library/alpine:latest", Platform: "linux/amd64",
		Image: Image{Digest: "sha256:aa", Layers: []string{"/x/diff"}, Config: Config{Cmd: []string{"sh"}}}}
	if err := s.writeRecord(key, want); err != nil {
		t.Fatal(err)
	}
	got, err := s.readRecord(key)
	if err != nil || got.Name != want.Name || got.Image.Layers[0] != "/x/diff" || got.Image.Config.Cmd[0] != "sh" {
		t.Fatalf("read back %+v, %v", got, err)
	}
	// Nothing of the write stays behind in tmp/.
	if ents, _ := os.ReadDir(s.path(tmpDir)); len(ents) != 0 {
		t.Errorf("tmp/ holds %d entries after a write", len(ents))
	}
	if recordKey("a", "linux/amd64") == recordKey("a", "linux/arm64") {
		t.Error("the key ignores the platform")
	}
}

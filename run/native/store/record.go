package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// record is what refs/<key>.json holds: everything Get returns, so that a
// warm Get reads one small file.
type record struct {
	Name     string `json:"name"`     // canonical reference
	Platform string `json:"platform"` // as asked, normalised
	// Alias marks the digest record a Pull by tag writes beside the tag's,
	// so Get("repo@sha256:...") works offline. An alias is no reference
	// of its own: Remove's collection drops it when no other record holds
	// its digest.
	Alias bool  `json:"alias,omitempty"`
	Image Image `json:"image"`
}

func (s *Store) recordPath(key string) string { return s.path(refsDir, key+".json") }

// readRecord reads the record under key; fs.ErrNotExist when there is none.
func (s *Store) readRecord(key string) (*record, error) {
	b, err := os.ReadFile(s.recordPath(key))
	if err != nil {
		return nil, err
	}
	var r record
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("reading record %s: %w", key, err)
	}
	return &r, nil
}

// writeRecord replaces the record under key atomically.
func (s *Store) writeRecord(key string, r *record) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return writeFileAtomic(s.path(tmpDir), s.recordPath(key), b, 0o644)
}

// touch sets a record's mtime, which is its LastUsed.
func (s *Store) touch(key string) {
	now := time.Now()
	// A failure (read-only store, a concurrent Remove) only loses the
	// timestamp, never the image.
	_ = os.Chtimes(s.recordPath(key), now, now)
}

// records reads every record, with its key and LastUsed.
func (s *Store) records() (map[string]*record, map[string]time.Time, error) {
	ents, err := os.ReadDir(s.path(refsDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	recs := map[string]*record{}
	used := map[string]time.Time{}
	for _, e := range ents {
		key, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok || e.IsDir() {
			continue
		}
		r, err := s.readRecord(key)
		if errors.Is(err, fs.ErrNotExist) {
			continue // removed meanwhile
		}
		if err != nil {
			return nil, nil, err
		}
		if info, err := e.Info(); err == nil {
			used[key] = info.ModTime()
		}
		recs[key] = r
	}
	return recs, used, nil
}

// writeFileAtomic writes data to a temporary file in tmp, fsyncs it and
// renames it to path, so that readers see the old content or the new, never
// a part.
func writeFileAtomic(tmp, path string, data []byte, perm os.FileMode) error {
	f, err := os.CreateTemp(tmp, filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	name := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(perm)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		os.Remove(name)
		return err
	}
	return nil
}

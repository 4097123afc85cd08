package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
)

// putBlob stores a small blob (a manifest, an index, a config) under
// blobs/sha256/<hex> after checking it against digest. Writers of the
// same blob race harmlessly: each renames a complete, identical file into
// place, so no lock is needed.
func (s *Store) putBlob(digest string, data []byte) error {
	h, err := hexOf(digest)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != h {
		return fmt.Errorf("blob %s has digest sha256:%s", digest, got)
	}
	p := s.path(blobsDir, h)
	if _, err := os.Stat(p); err == nil {
		return nil
	}
	return writeFileAtomic(s.path(tmpDir), p, data, 0o444)
}

// readBlob returns a stored blob, checked against its digest.
func (s *Store) readBlob(digest string) ([]byte, error) {
	h, err := hexOf(digest)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(s.path(blobsDir, h))
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != h {
		return nil, fmt.Errorf("stored blob %s is corrupt", digest)
	}
	return b, nil
}

package store

import (
	"context"
	"fmt"
)

// Purge removes everything the store holds, its directory included. It
// waits for running Pulls to finish first. The Store can be used again
// afterwards: the next Pull recreates the directory.
func (s *Store) Purge(ctx context.Context) error {
	lk, err := s.lockStore(ctx, true)
	if err != nil {
		return fmt.Errorf("purging image store %q: %w", s.dir, err)
	}
	defer lk.unlock()
	if err := removeTree(s.dir); err != nil {
		return fmt.Errorf("purging image store %q: %w", s.dir, err)
	}
	return nil
}

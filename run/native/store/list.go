package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// List returns every reference the store holds (digest records a Pull by
// tag writes beside the tag are not listed), sorted by reference.
func (s *Store) List(ctx context.Context) ([]Entry, error) {
	recs, used, err := s.records()
	if err != nil {
		return nil, fmt.Errorf("listing image store %q: %w", s.dir, err)
	}
	var out []Entry
	for key, r := range recs {
		if r.Alias {
			continue
		}
		out = append(out, Entry{Ref: r.Name, Platform: r.Platform, Digest: r.Image.Digest,
			ID: r.Image.ID, Size: r.Image.Size, LastUsed: used[key]})
	}
	slices.SortFunc(out, func(a, b Entry) int {
		if c := strings.Compare(a.Ref, b.Ref); c != 0 {
			return c
		}
		return strings.Compare(a.Platform, b.Platform)
	})
	return out, nil
}

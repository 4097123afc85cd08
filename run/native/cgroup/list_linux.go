package cgroup

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
)

// List returns, sorted, the ids of the runs' groups still present whose id
// starts with prefix, in any hierarchy: for tests that check nothing is
// left over and for sweeps of stale groups (a group found here can be
// removed with Open(id).Remove after killing its processes).
func List(prefix string) ([]string, error) {
	return listIn(current(), prefix)
}

func listIn(lay *layout, prefix string) ([]string, error) {
	if lay.err != nil {
		return nil, fmt.Errorf("listing cgroups: %w", lay.err)
	}
	var ids []string
	for _, parent := range lay.parents {
		ents, err := os.ReadDir(parent)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("listing cgroups: %w", err)
		}
		for _, e := range ents {
			if e.IsDir() && strings.HasPrefix(e.Name(), prefix) && !slices.Contains(ids, e.Name()) {
				ids = append(ids, e.Name())
			}
		}
	}
	slices.Sort(ids)
	return ids, nil
}

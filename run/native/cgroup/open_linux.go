package cgroup

import (
	"fmt"
	"os"
	"path/filepath"
)

// Open returns the existing group id (one List found), to kill and remove
// it. It fails when the group is in none of the hierarchies.
func Open(id string) (*Group, error) {
	return openIn(current(), id)
}

func openIn(lay *layout, id string) (*Group, error) {
	if lay.err != nil {
		return nil, fmt.Errorf("opening cgroup %q: %w", id, lay.err)
	}
	if !validID(id) {
		return nil, fmt.Errorf("opening cgroup %q: not a valid name", id)
	}
	g := &Group{id: id, v2: lay.v2}
	found := false
	for i, parent := range lay.parents {
		dir := filepath.Join(parent, id)
		if _, err := os.Stat(dir); err == nil {
			found = true
		}
		g.dirs = append(g.dirs, dir)
		if i == lay.mem {
			g.mem = dir
		}
	}
	if !found {
		return nil, fmt.Errorf("opening cgroup %q: %w", id, os.ErrNotExist)
	}
	return g, nil
}

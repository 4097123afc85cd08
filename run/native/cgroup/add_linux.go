package cgroup

import (
	"fmt"
	"path/filepath"
	"strconv"
)

// Add moves process pid (all its threads) into the group, in every
// hierarchy. Its children forked afterwards are born in the group.
func (g *Group) Add(pid int) error {
	s := strconv.Itoa(pid)
	for _, dir := range g.dirs {
		if err := writeFile(filepath.Join(dir, "cgroup.procs"), s); err != nil {
			return fmt.Errorf("adding pid %d to cgroup: %w", pid, err)
		}
	}
	return nil
}

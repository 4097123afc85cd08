package cgroup

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// RemoveParents removes the "sshell" directories that hold the runs'
// groups, one per hierarchy, when they hold none any more (sshell purge):
// a parent with a group in it stays, for that run is someone's. It
// returns the directories it removed.
func RemoveParents() ([]string, error) {
	lay := current()
	if lay.err != nil {
		return nil, fmt.Errorf("removing sshell's cgroups: %w", lay.err)
	}
	var gone []string
	var errs []error
	for _, dir := range lay.parents {
		err := syscall.Rmdir(dir)
		switch {
		case err == nil:
			gone = append(gone, dir)
		case errors.Is(err, os.ErrNotExist), errors.Is(err, syscall.EBUSY), errors.Is(err, syscall.ENOTEMPTY):
		default:
			errs = append(errs, fmt.Errorf("removing cgroup %s: %w", dir, err))
		}
	}
	return gone, errors.Join(errs...)
}

package cgroup

import (
	"errors"
	"fmt"
	"time"

	"golang.org/x/sys/unix"
)

// removeWait bounds how long Remove waits for exiting processes to leave.
const removeWait = 2 * time.Second

// Remove deletes the group's directories. A group still holding processes
// cannot be removed: kill them (Kill) and reap them first. Remove retries
// for up to 2 s while the kernel reports the group busy (processes still
// exiting). Removing a removed group is a no-op.
func (g *Group) Remove() error {
	var errs []error
	for i := len(g.dirs) - 1; i >= 0; i-- {
		if err := rmdir(g.dirs[i]); err != nil {
			errs = append(errs, fmt.Errorf("removing cgroup %s: %w", g.dirs[i], err))
		}
	}
	return errors.Join(errs...)
}

func rmdir(dir string) error {
	pause := 100 * time.Microsecond
	deadline := time.Now().Add(removeWait)
	for {
		err := unix.Rmdir(dir)
		switch {
		case err == nil || err == unix.ENOENT:
			return nil
		case err != unix.EBUSY || time.Now().After(deadline):
			return err
		}
		time.Sleep(pause)
		pause = min(2*pause, 10*time.Millisecond)
	}
}

//go:build !linux

package cgroup

import (
	"fmt"
	"runtime"

	"github.com/sshell/sshell/run"
)

// errUnsupported is what every call returns outside Linux.
var errUnsupported = fmt.Errorf("cgroups are not supported on %s", runtime.GOOS)

// Available says why per-run groups do not work here: cgroups are Linux's.
func Available() error { return errUnsupported }

// New fails: cgroups are Linux's.
func New(id string, l run.Limits) (*Group, error) {
	return nil, fmt.Errorf("creating cgroup %q: %w", id, errUnsupported)
}

// Open fails: cgroups are Linux's.
func Open(id string) (*Group, error) {
	return nil, fmt.Errorf("opening cgroup %q: %w", id, errUnsupported)
}

// List fails: cgroups are Linux's.
func List(prefix string) ([]string, error) {
	return nil, fmt.Errorf("listing cgroups: %w", errUnsupported)
}

// Add fails: cgroups are Linux's.
func (g *Group) Add(pid int) error { return errUnsupported }

// OOMKilled is false: cgroups are Linux's.
func (g *Group) OOMKilled() bool { return false }

// Kill fails: cgroups are Linux's.
func (g *Group) Kill() error { return errUnsupported }

// Remove fails: cgroups are Linux's.
func (g *Group) Remove() error { return errUnsupported }

// RemoveParents is not supported here.
func RemoveParents() ([]string, error) { return nil, errUnsupported }

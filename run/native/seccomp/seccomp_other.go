//go:build !linux

package seccomp

import (
	"fmt"
	"runtime"
)

// Filter is a compiled filter; outside Linux there are none.
type Filter struct{}

// errUnsupported is what every call returns outside Linux.
var errUnsupported = fmt.Errorf("seccomp is not supported on %s", runtime.GOOS)

// Build fails: seccomp is Linux's.
func Build(capAdd []string) (*Filter, error) { return nil, errUnsupported }

// Load fails: seccomp is Linux's.
func Load(capAdd []string) error { return errUnsupported }

// Load fails: seccomp is Linux's.
func (f *Filter) Load() error { return errUnsupported }

// LoadThread fails: seccomp is Linux's.
func (f *Filter) LoadThread() error { return errUnsupported }

// Len is 0: seccomp is Linux's.
func (f *Filter) Len() int { return 0 }

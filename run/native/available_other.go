//go:build !linux

package native

import (
	"errors"
	"runtime"
)

// Available says why the native runtime cannot run here: it needs Linux.
func Available() error {
	return errors.New("native: the sandbox needs Linux namespaces; this is " + runtime.GOOS + " (use the docker runtime)")
}

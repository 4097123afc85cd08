//go:build !linux

package store

import (
	"errors"
	"os"
)

// Elsewhere the store records whiteouts in layer.json only (see
// whiteout.go); the native runtime runs on Linux.
const whiteoutDevicesSupported = false

func mknodWhiteout(*os.Root, string) error { return errors.New("whiteout devices need Linux") }

func setOpaque(*os.Root, string) error { return errors.New("opaque directories need Linux") }

// syncTree fsyncs dir itself only: there is no syncfs here, and the
// native runtime, which relies on durability, runs on Linux.
func syncTree(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

//go:build !linux

package sandbox

// Init does nothing here: sandboxes run on Linux only.
func Init() {}
